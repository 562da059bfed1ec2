/**
 * Every reference stack set, by name (`<set>-<environment>`), and a builder that adds them (all, or
 * the named ones) to one cdktf App — used by main.ts, the tests and the benchmark.
 */
import { App } from 'cdktf';
import { PolicyPack } from '../src/policy';
import { dev } from './config/dev';
import { EnvironmentConfig } from './config/environment';
import { prod } from './config/prod';
import { buildGpuTraining } from './gpu-training';
import { buildLlmRag } from './llm-rag';
import { buildMlopsPlatform } from './mlops-platform';

/** The environments every reference set is built for. */
export const ENVIRONMENTS: readonly EnvironmentConfig[] = [dev, prod];

const BUILDERS: Readonly<Record<string, (app: App, config: EnvironmentConfig) => unknown>> = {
  'mlops-platform': buildMlopsPlatform,
  'gpu-training': buildGpuTraining,
  'llm-rag': buildLlmRag,
};

/** Reference stack sets: `<set>-<environment>` → builder. */
export const REFERENCE_STACK_SETS: Readonly<Record<string, (app: App) => void>> = Object.fromEntries(
  Object.entries(BUILDERS).flatMap(([set, build]) => ENVIRONMENTS.map((env) => [`${set}-${env.environment}`, (app: App) => void build(app, env)])),
);

/** A `STACK_SETS` name (or a name given to {@link buildReferenceStacks}) that is not a reference set. */
export class StackSetSelectionError extends Error {
  constructor(name: string) {
    super(`STACK_SETS: unknown reference stack set "${name}"; known: ${Object.keys(REFERENCE_STACK_SETS).join(', ')}`);
    this.name = 'StackSetSelectionError';
  }
}

/**
 * Names of the sets to build from a comma-separated list (the `STACK_SETS` environment variable).
 * @returns every set when `list` is empty or unset
 * @throws StackSetSelectionError for a name that is not a reference set
 */
export function selectStackSets(list: string | undefined): string[] {
  const names = (list ?? '').split(',').map((n) => n.trim()).filter((n) => n !== '');
  const unknown = names.find((n) => !REFERENCE_STACK_SETS[n]);
  if (unknown !== undefined) throw new StackSetSelectionError(unknown);
  return names.length > 0 ? names : Object.keys(REFERENCE_STACK_SETS);
}

/** Adds all reference stack sets (or the named ones) to `app`. */
export function buildReferenceStacks(app: App, names: readonly string[] = Object.keys(REFERENCE_STACK_SETS)): App {
  for (const name of names) {
    const build = REFERENCE_STACK_SETS[name];
    if (!build) throw new StackSetSelectionError(name);
    build(app);
  }
  // The full policy pack on every reference stack: errors fail synth, warnings are annotations.
  PolicyPack.applyTo(app);
  return app;
}
