/**
 * Every reference stack set, by name, and a builder that adds them all to one cdktf App (used by
 * main.ts, the tests and the benchmark).
 */
import { App } from 'cdktf';
import { PolicyPack } from '../src/policy';
import { dev } from './config/dev';
import { buildMlopsPlatform } from './mlops-platform';

/** Reference stack sets: name → builder. */
export const REFERENCE_STACK_SETS: Readonly<Record<string, (app: App) => void>> = {
  'mlops-platform-dev': (app) => void buildMlopsPlatform(app, dev),
};

/** Adds all reference stack sets (or the named ones) to `app`. */
export function buildReferenceStacks(app: App, names: readonly string[] = Object.keys(REFERENCE_STACK_SETS)): App {
  for (const name of names) {
    const build = REFERENCE_STACK_SETS[name];
    if (!build) throw new Error(`unknown reference stack set "${name}"; known: ${Object.keys(REFERENCE_STACK_SETS).join(', ')}`);
    build(app);
  }
  // The full policy pack on every reference stack: errors fail synth, warnings are annotations.
  PolicyPack.applyTo(app);
  return app;
}
