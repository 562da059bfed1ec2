/** Test helpers: synthesize a stack to Terraform JSON and find resources in it. */
import { App, Testing, TerraformStack } from 'cdktf';
// Internal, but the same function cdktf's own Testing.synth uses to run aspects.
import { invokeAspects } from 'cdktf/lib/synthesize/synthesizer';
import { Construct } from 'constructs';
import { ClusterAttributes, IClusterRef } from '../../src/core/layers/cluster-connection';
import { CloudStack, PlatformStack, WorkloadsStack } from '../../src/core/layers/mlops-stack';

/** Synthesized Terraform JSON of one stack. */
export interface TfJson {
  resource?: Record<string, Record<string, any>>;
  data?: Record<string, Record<string, any>>;
  ephemeral?: Record<string, Record<string, any>>;
  provider?: Record<string, any[]>;
  output?: Record<string, any>;
  terraform?: Record<string, any>;
}

/**
 * Synthesizes `stack` like `cdktf synth` does (aspects, then validations, then Terraform JSON) and
 * parses the JSON. Unlike `Testing.synth`, the `//` metadata (construct paths) is kept, so tests can
 * find resources by path.
 */
export function synth(stack: TerraformStack): TfJson {
  invokeAspects(stack);
  stack.runAllValidations();
  return JSON.parse(JSON.stringify(stack.toTerraform()));
}

/** All resources of `type`, by logical id. */
export function resources(json: TfJson, type: string): Record<string, any> {
  return json.resource?.[type] ?? {};
}

/** The values of all resources of `type`. */
export function resourceList(json: TfJson, type: string): any[] {
  return Object.values(resources(json, type));
}

/** The only resource of `type`; fails the test if there is not exactly one. */
export function onlyResource(json: TfJson, type: string): any {
  const all = resourceList(json, type);
  if (all.length !== 1) throw new Error(`expected exactly one ${type}, found ${all.length}`);
  return all[0];
}

/** The resource of `type` whose construct path ends with `pathSuffix`. */
export function resourceAt(json: TfJson, type: string, pathSuffix: string): any {
  const found = resourceList(json, type).filter((r) => String(r['//']?.metadata?.path ?? '').endsWith(pathSuffix));
  if (found.length !== 1) throw new Error(`expected one ${type} at …${pathSuffix}, found ${found.length}`);
  return found[0];
}

/** `{ logicalId: constructPath }` of every resource of the given types, for pinning logical ids. */
export function addresses(json: TfJson, ...types: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const type of types) {
    for (const [id, r] of Object.entries(resources(json, type))) out[`${type}.${id}`] = String(r['//']?.metadata?.path ?? '');
  }
  return out;
}

export const TEST_ENV = { project: 'test', environment: 'dev', region: 'us-east-1' } as const;

/** A test app (no files written until synth). */
export function testApp(): App {
  return Testing.app();
}

/** A cloud-layer stack. */
export function cloudStack(app: App = testApp(), id = 'test-cloud'): CloudStack {
  return new CloudStack(app, id, TEST_ENV);
}

/** Fixed cluster attributes for platform/workloads tests (no data sources, no cross-stack refs). */
export const FAKE_CLUSTER: ClusterAttributes = {
  clusterName: 'test-cluster',
  endpoint: 'https://ABCDEF.gr7.us-east-1.eks.amazonaws.com',
  certificateAuthorityData: 'Q0EtREFUQQ==',
  region: 'us-east-1',
  oidcIssuerUrl: 'https://oidc.eks.us-east-1.amazonaws.com/id/ABCDEF',
  vpcId: 'vpc-0123456789abcdef0',
  privateSubnetIds: ['subnet-0aaaaaaaaaaaaaaa1', 'subnet-0aaaaaaaaaaaaaaa2'],
  nodeSecurityGroupId: 'sg-0123456789abcdef0',
  karpenterDiscoveryTag: 'test-cluster',
};

/** A cluster ref that binds to {@link FAKE_CLUSTER}. */
export const fakeClusterRef: IClusterRef = {
  clusterName: FAKE_CLUSTER.clusterName,
  region: FAKE_CLUSTER.region,
  bind: (_scope: Construct) => FAKE_CLUSTER,
};

/** A platform-layer stack bound to the fake cluster. */
export function platformStack(app: App = testApp(), id = 'test-platform'): PlatformStack {
  return new PlatformStack(app, id, { ...TEST_ENV, cluster: fakeClusterRef });
}

/** A workloads-layer stack bound to the fake cluster. */
export function workloadsStack(app: App = testApp(), id = 'test-workloads'): WorkloadsStack {
  return new WorkloadsStack(app, id, { ...TEST_ENV, cluster: fakeClusterRef });
}

/** Parses a JSON policy document from a synthesized attribute. */
export function policy(text: string): any {
  return JSON.parse(text);
}
