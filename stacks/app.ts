/**
 * Every reference stack set, by name (`<set>-<environment>`), and a builder that adds them (all, or
 * the named ones) to one cdktf App — used by main.ts, the tests and the benchmark.
 */
import { App, TerraformStack } from 'cdktf';
import { allowComputeDeletion, allowDataDeletion, PolicyPack } from '../src/policy';
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

/**
 * The deliberate deletion switches, read from the environment by main.ts. Each holds the reason
 * (recorded with the policy suppressions) and applies to the sets named in `STACK_SETS`, which must
 * then be given: no switch lifts the protections of every set by default.
 */
export interface DeletionSwitches {
  /** `ALLOW_DATA_DELETION`: `allowDataDeletion` on every stack of the selected sets (full teardown). */
  readonly allowDataDeletion?: string;
  /** `ALLOW_COMPUTE_DELETION`: `allowComputeDeletion` on the compute stacks (cloud, platform, workloads) of the selected sets. */
  readonly allowComputeDeletion?: string;
}

/** Reads the {@link DeletionSwitches} from environment variables. */
export function deletionSwitchesFromEnv(env: Readonly<Record<string, string | undefined>>): DeletionSwitches {
  const switches = { allowDataDeletion: env.ALLOW_DATA_DELETION || undefined, allowComputeDeletion: env.ALLOW_COMPUTE_DELETION || undefined };
  if ((switches.allowDataDeletion || switches.allowComputeDeletion) && !(env.STACK_SETS ?? '').trim()) {
    throw new Error('ALLOW_DATA_DELETION / ALLOW_COMPUTE_DELETION need STACK_SETS naming the sets to tear down (e.g. STACK_SETS=llm-rag-dev); they never apply to every set');
  }
  return switches;
}

/** Adds all reference stack sets (or the named ones) to `app`, with the deletion switches on them. */
export function buildReferenceStacks(app: App, names: readonly string[] = Object.keys(REFERENCE_STACK_SETS), switches: DeletionSwitches = {}): App {
  for (const name of names) {
    const build = REFERENCE_STACK_SETS[name];
    if (!build) throw new StackSetSelectionError(name);
    build(app);
    const stacks = app.node.children.filter((c): c is TerraformStack => c instanceof TerraformStack && c.node.id.startsWith(`${name}-`));
    for (const stack of stacks) {
      if (switches.allowDataDeletion) allowDataDeletion(stack, switches.allowDataDeletion);
      if (switches.allowComputeDeletion && !stack.node.id.endsWith('-data')) allowComputeDeletion(stack, switches.allowComputeDeletion);
    }
  }
  // The full policy pack on every reference stack: errors fail synth, warnings are annotations.
  PolicyPack.applyTo(app);
  return app;
}
