/**
 * `ExternalSecretsOperator` (platform layer): the External Secrets Operator Helm chart
 * (`CHARTS.externalSecrets`), with its CRDs (`installCRDs`), the controller, webhook and cert
 * controller on the system nodes, with requests/limits and locked-down security contexts. Its AWS
 * identity is an {@link ExternalSecretsAccess} in the cloud layer (Pod Identity): the controller
 * gets credentials from the EKS Pod Identity agent; no static keys exist anywhere.
 *
 * Every value set here is a key of the chart's values.yaml at the pinned version and validates
 * against its values.schema.json (contract test `test/contract/secrets.contract.test.ts`).
 *
 * @see https://external-secrets.io/latest/introduction/getting-started/
 */
import { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import { z } from 'zod';
import { systemNodeSelector } from '../labels';
import { HelmChart } from '../helm-chart';
import { requireLayer } from '../layers/mlops-stack';
import { PlainObject, withDefaults } from '../merge';
import { byPreset, Preset, presetSchema } from '../presets';
import { Schemas } from '../schemas';
import { validateProps } from '../validation';
import { CHARTS } from '../versions';
import { EXTERNAL_SECRETS_DEFAULTS } from './constants';

/** Requests and limits of one container. */
export interface ContainerResources {
  readonly requests: { readonly cpu: string; readonly memory: string };
  readonly limits: { readonly cpu?: string; readonly memory: string };
}

/** Default resources of the controller, webhook and cert controller (small: ESO is light). */
export const EXTERNAL_SECRETS_RESOURCES: Readonly<Record<'controller' | 'webhook' | 'certController', ContainerResources>> = {
  controller: { requests: { cpu: '50m', memory: '128Mi' }, limits: { cpu: '500m', memory: '256Mi' } },
  webhook: { requests: { cpu: '20m', memory: '64Mi' }, limits: { cpu: '200m', memory: '128Mi' } },
  certController: { requests: { cpu: '20m', memory: '64Mi' }, limits: { cpu: '200m', memory: '256Mi' } },
};

/** Container security context of all three deployments (non-root, read-only root, no capabilities). */
export const EXTERNAL_SECRETS_SECURITY_CONTEXT = {
  enabled: true,
  allowPrivilegeEscalation: false,
  capabilities: { drop: ['ALL'] },
  readOnlyRootFilesystem: true,
  runAsNonRoot: true,
  runAsUser: 1000,
  seccompProfile: { type: 'RuntimeDefault' },
} as const;

/** Props of {@link ExternalSecretsOperator}. */
export interface ExternalSecretsOperatorProps {
  /**
   * The AWS identity of the controller; its namespace and service account are used so the Pod
   * Identity association matches.
   * @default - namespace and service account from EXTERNAL_SECRETS_DEFAULTS (create the matching `ExternalSecretsAccess` in the cloud layer)
   */
  readonly access?: { readonly namespace: string; readonly serviceAccount: string };
  /** `dev`: one replica of each; `prod`: two controller and webhook replicas with leader election and PDBs. @default 'prod' */
  readonly preset?: Preset;
  /**
   * Node selector of all three deployments.
   * @default { 'mlops.cdktf.io/node-role': 'system' }
   */
  readonly nodeSelector?: Readonly<Record<string, string>>;
  /**
   * Resources of the containers.
   * @default EXTERNAL_SECRETS_RESOURCES
   */
  readonly resources?: Partial<Record<'controller' | 'webhook' | 'certController', ContainerResources>>;
  /**
   * Helm value overrides, deep-merged on top (keys must exist in the pinned chart).
   * @default - none
   */
  readonly overrides?: PlainObject;
  /**
   * Resources the release waits for.
   * @default - none
   */
  readonly dependsOn?: ITerraformDependable[];
}

const schema = Schemas.props<ExternalSecretsOperatorProps>()({
  access: Schemas.construct('the ExternalSecretsAccess of the cloud layer (or { namespace, serviceAccount })', { namespace: Schemas.k8sName(), serviceAccount: Schemas.k8sName() }).optional(),
  preset: presetSchema.optional(),
  nodeSelector: Schemas.labels().optional(),
  resources: Schemas.object({ controller: Schemas.resources().optional(), webhook: Schemas.resources().optional(), certController: Schemas.resources().optional() }).optional(),
  overrides: z.record(z.string(), z.unknown()).optional(),
  dependsOn: z.array(z.any()).optional(),
});

/** The External Secrets Operator, installed from its pinned Helm chart. */
export class ExternalSecretsOperator extends Construct {
  /** The Helm release. */
  public readonly chart: HelmChart;
  /** Namespace of the operator. */
  public readonly namespace: string;
  /** Service account of the controller. */
  public readonly serviceAccount: string;

  constructor(scope: Construct, id: string, props: ExternalSecretsOperatorProps = {}) {
    super(scope, id);
    validateProps(this, schema, props);
    requireLayer(this, 'platform', 'ExternalSecretsOperator');
    this.namespace = props.access?.namespace ?? EXTERNAL_SECRETS_DEFAULTS.namespace;
    this.serviceAccount = props.access?.serviceAccount ?? EXTERNAL_SECRETS_DEFAULTS.serviceAccount;
    this.chart = new HelmChart(this, 'chart', {
      chart: CHARTS.externalSecrets,
      releaseName: EXTERNAL_SECRETS_DEFAULTS.releaseName,
      namespace: this.namespace,
      createNamespace: true,
      values: externalSecretsValues(this.serviceAccount, props),
      overrides: props.overrides,
      dependsOn: props.dependsOn,
    });
  }
}

/** The chart values the construct sets (before user overrides). */
export function externalSecretsValues(serviceAccount: string, props: ExternalSecretsOperatorProps = {}): PlainObject {
  const ha = byPreset(props.preset, { dev: false, prod: true });
  const replicas = ha ? 2 : 1;
  const nodeSelector = systemNodeSelector(props.nodeSelector);
  const resources = withDefaults(EXTERNAL_SECRETS_RESOURCES, props.resources);
  // Every block is a fresh object: shared references would serialize as YAML anchors/aliases.
  const pod = (r: ContainerResources): PlainObject => ({
    nodeSelector: { ...nodeSelector },
    resources: structuredClone(r) as unknown as PlainObject,
    podSecurityContext: { enabled: true },
    securityContext: structuredClone(EXTERNAL_SECRETS_SECURITY_CONTEXT) as unknown as PlainObject,
  });
  const pdb = (): PlainObject => ({ enabled: ha, minAvailable: 1 });
  return {
    installCRDs: true,
    replicaCount: replicas,
    leaderElect: ha,
    serviceAccount: { create: true, name: serviceAccount },
    podDisruptionBudget: pdb(),
    ...pod(resources.controller),
    webhook: { replicaCount: replicas, podDisruptionBudget: pdb(), ...pod(resources.webhook) },
    certController: { replicaCount: 1, ...pod(resources.certController) },
  };
}
