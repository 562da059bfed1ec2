/**
 * What the examples share: the account a stack set may deploy to, the existing EKS cluster it
 * connects to by name, and running as a cdktf app. Each example's `main.ts` builds its own
 * components on top.
 */
import { App } from 'cdktf';
import { ClusterRef, ExistingClusterProps, StackSet } from '../src';

/** The account and cluster every example needs to know. */
export interface ExistingClusterConfig {
  /** Name of the existing EKS cluster (Pod Identity agent add-on installed). */
  readonly clusterName: string;
  /** Its region. */
  readonly region: string;
  /** The AWS account the stacks may deploy to (a guard against deploying to the wrong one). */
  readonly accountId: string;
}

/**
 * A `dev` stack set `<name>-dev-{cloud,platform,workloads}` that may deploy only to
 * `config.accountId`, connected to the existing cluster by name: every stack that binds it reads it
 * with an `aws_eks_cluster` data source and authenticates with `aws eks get-token`.
 */
export function existingClusterStackSet(
  app: App,
  name: string,
  config: ExistingClusterConfig,
  cluster: Omit<ExistingClusterProps, 'clusterName' | 'region'> = {},
): { readonly set: StackSet; readonly cluster: ClusterRef } {
  const set = new StackSet(app, { name, project: name, environment: 'dev', region: config.region, allowedAccountIds: [config.accountId] });
  const ref = ClusterRef.fromName({ ...cluster, clusterName: config.clusterName, region: config.region });
  set.connect(ref);
  return { set, cluster: ref };
}

/**
 * Where an example writes when run with node: its own folder `cdktf.out.<name>`, so running one
 * never mixes its stacks with the reference stacks' `cdktf.out` (or another example's). The cdktf CLI
 * sets `CDKTF_OUTDIR` from `--output`: the READMEs pass the same folder.
 */
export function exampleOutdir(name: string, env: NodeJS.ProcessEnv = process.env): string {
  return env.CDKTF_OUTDIR ?? `cdktf.out.${name}`;
}

/** Synthesizes what `build` adds into {@link exampleOutdir} when `entry` is the program node runs (not when a test imports it). */
export function synthWhenRun(entry: NodeModule, name: string, build: (app: App) => unknown): void {
  if (require.main !== entry) return;
  const app = new App({ outdir: exampleOutdir(name), skipBackendValidation: true });
  build(app);
  app.synth();
}
