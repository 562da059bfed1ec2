/**
 * Environment presets. Where a safe default costs money a development team would not pay (multi-AZ
 * databases, a NAT gateway per AZ, three system nodes), constructs take a `preset`: `dev` is cheap,
 * `prod` is safe. The default everywhere is `prod`; choosing `dev` is always explicit.
 */
import { z } from 'zod';

/** `dev`: cheapest configuration that still works; `prod`: highly available and protected. */
export type Preset = 'dev' | 'prod';

/** The preset constructs use when none is given. */
export const DEFAULT_PRESET: Preset = 'prod';

/** Zod schema for a preset prop. */
export const presetSchema = z.enum(['dev', 'prod'], { message: 'must be "dev" or "prod"; choose "prod" for anything that holds real data' });

/** Picks the value for a preset. */
export function byPreset<T>(preset: Preset | undefined, values: { readonly dev: T; readonly prod: T }): T {
  return values[preset ?? DEFAULT_PRESET];
}
