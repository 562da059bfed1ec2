/**
 * The argo-workflows chart values (1.0.18, Argo Workflows v4.0.6) the `ArgoWorkflows` construct
 * sets. Every key is a key of the chart's values.yaml (checked by the contract tests).
 *
 * Choices:
 * - **CRDs**: the chart's full-schema CRDs (`crds.full`, applied server-side by its pre-install hook
 *   Job), kept on uninstall (`crds.keep`).
 * - **Workflow RBAC** is the library's, per pipeline (`workflow.rbac.create: false`,
 *   `workflow.serviceAccount.create: false`): each step runs under a service account with only what
 *   that step needs (`TrainingPipeline`).
 * - **Artifacts** in S3 with no static credentials (`useStaticCredentials: false`, no `useSDKCreds`,
 *   no `roleARN`): the executor then builds its S3 client with minio-go's `credentials.NewIAM("")`
 *   (workflow/artifacts/s3/s3.go `GetCredentials`), and minio-go v7.0.100 (go.mod of v4.0.6) reads
 *   EKS Pod Identity's `AWS_CONTAINER_CREDENTIALS_FULL_URI` + `AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE`
 *   (pkg/credentials/iam_aws.go, added in v7.0.69 by minio/minio-go#1944). So every workflow pod
 *   reaches the bucket with its own service account's Pod Identity role.
 * - **Archive** in PostgreSQL (`controller.persistence`, TLS `require`), credentials from a Secret.
 * - **Pod GC and TTL** (`controller.workflowDefaults`): pods are deleted once they succeed (failed
 *   ones stay for their logs until their workflow goes), finished workflows after a day (succeeded)
 *   or a week (failed); the archive keeps their history.
 * - **Restrictions**: `templateReferencing: Secure` — the controller runs only workflows that
 *   reference a WorkflowTemplate, using the template as it was when the run started.
 * - **Metrics** on (`controller.metricsConfig`, plain HTTP inside the cluster on the Service port
 *   8080); the ServiceMonitor is a custom resource, so `PipelineAlertRules` (workloads) creates it.
 * - **Server**: ClusterIP, auth mode `client` by default (every request carries the caller's own
 *   Kubernetes token: `argo auth token`, or `kubectl create token`), or `sso`.
 */
import { PlainObject } from '../core/merge';
import { byPreset, Preset } from '../core/presets';
import { ContainerResources, resourcesBlock } from '../core/pod-security';
import { ARGO_SERVICE_ACCOUNTS } from './argo-workflows-cloud';
import { ARGO_CONTROLLER_METRICS, ARGO_SERVER } from './constants';

/** Auth modes of the Argo Server (`--auth-mode`). */
export type ArgoServerAuthMode = 'client' | 'sso' | 'server';

/** How finished workflows may be referenced (`workflowRestrictions.templateReferencing`). */
export type TemplateReferencing = 'Secure' | 'Strict' | 'None';

/** Requests/limits of the controller and the server by preset. */
export const ARGO_WORKFLOWS_RESOURCES: Readonly<Record<Preset, { readonly controller: ContainerResources; readonly server: ContainerResources; readonly executor: ContainerResources }>> = {
  dev: {
    controller: { requests: { cpu: '100m', memory: '128Mi' }, limits: { cpu: '500m', memory: '512Mi' } },
    server: { requests: { cpu: '50m', memory: '64Mi' }, limits: { cpu: '500m', memory: '256Mi' } },
    executor: { requests: { cpu: '10m', memory: '64Mi' }, limits: { cpu: '500m', memory: '256Mi' } },
  },
  prod: {
    controller: { requests: { cpu: '200m', memory: '256Mi' }, limits: { cpu: '1', memory: '1Gi' } },
    server: { requests: { cpu: '100m', memory: '128Mi' }, limits: { cpu: '1', memory: '512Mi' } },
    executor: { requests: { cpu: '10m', memory: '64Mi' }, limits: { cpu: '500m', memory: '256Mi' } },
  },
};

/** Pod GC and TTL every workflow gets unless it sets its own. */
export const ARGO_WORKFLOW_DEFAULTS = {
  podGC: { strategy: 'OnPodSuccess', deleteDelayDuration: '60s' },
  ttlStrategy: { secondsAfterSuccess: 86400, secondsAfterFailure: 604800 },
} as const;

/** Finished workflows kept in the cluster at most (the rest are deleted; the archive keeps them). */
export const ARGO_RETENTION = { completed: 50, failed: 20, errored: 20 } as const;

/** The archive connection. */
export interface ArchiveValues {
  readonly host: string;
  readonly port: number;
  readonly database: string;
  readonly sslMode: string;
  readonly secretName: string;
  readonly usernameKey: string;
  readonly passwordKey: string;
  /** How long archived workflows are kept (Argo duration, e.g. `30d`). */
  readonly ttl: string;
}

/** SSO of the Argo Server. */
export interface SsoValues {
  readonly issuer: string;
  readonly redirectUrl: string;
  readonly secretName: string;
  readonly scopes: readonly string[];
}

/** Options of {@link argoWorkflowsValues}. */
export interface ArgoWorkflowsValuesOptions {
  readonly preset: Preset;
  readonly pipelineNamespaces: readonly string[];
  readonly nodeSelector: Readonly<Record<string, string>>;
  readonly artifacts: { readonly bucket: string; readonly region: string; readonly prefix: string };
  readonly archive?: ArchiveValues;
  readonly authModes: readonly ArgoServerAuthMode[];
  readonly sso?: SsoValues;
  readonly templateReferencing: TemplateReferencing;
}

/** The chart values (before user overrides). */
export function argoWorkflowsValues(o: ArgoWorkflowsValuesOptions): PlainObject {
  const res = ARGO_WORKFLOWS_RESOURCES[o.preset];
  const r = (c: ContainerResources) => resourcesBlock(c) as unknown as PlainObject;
  const ha = byPreset(o.preset, { dev: false, prod: true });
  const replicas = ha ? 2 : 1;
  const controller: PlainObject = {
    workflowNamespaces: [...o.pipelineNamespaces],
    replicas,
    pdb: ha ? { enabled: true, minAvailable: 1 } : { enabled: false },
    nodeSelector: { ...o.nodeSelector },
    resources: r(res.controller),
    serviceAccount: { create: true, name: ARGO_SERVICE_ACCOUNTS.controller },
    metricsConfig: { enabled: true, secure: false, port: ARGO_CONTROLLER_METRICS.port, servicePort: ARGO_CONTROLLER_METRICS.servicePort, servicePortName: ARGO_CONTROLLER_METRICS.servicePortName, path: ARGO_CONTROLLER_METRICS.path },
    workflowDefaults: { spec: { podGC: { ...ARGO_WORKFLOW_DEFAULTS.podGC }, ttlStrategy: { ...ARGO_WORKFLOW_DEFAULTS.ttlStrategy } } },
    retentionPolicy: { ...ARGO_RETENTION },
    ...(o.templateReferencing !== 'None' ? { workflowRestrictions: { templateReferencing: o.templateReferencing } } : {}),
  };
  if (o.archive) {
    const a = o.archive;
    controller.persistence = {
      archive: true,
      archiveTTL: a.ttl,
      nodeStatusOffLoad: false,
      postgresql: {
        host: a.host,
        port: a.port,
        database: a.database,
        tableName: 'argo_workflows',
        userNameSecret: { name: a.secretName, key: a.usernameKey },
        passwordSecret: { name: a.secretName, key: a.passwordKey },
        ssl: true,
        sslMode: a.sslMode,
      },
    };
  }
  const server: PlainObject = {
    enabled: true,
    serviceType: 'ClusterIP',
    servicePort: ARGO_SERVER.port,
    baseHref: ARGO_SERVER.path,
    replicas,
    pdb: ha ? { enabled: true, minAvailable: 1 } : { enabled: false },
    nodeSelector: { ...o.nodeSelector },
    resources: r(res.server),
    serviceAccount: { create: true, name: ARGO_SERVICE_ACCOUNTS.server },
    authModes: [...o.authModes],
  };
  if (o.sso) {
    server.sso = {
      enabled: true,
      issuer: o.sso.issuer,
      redirectUrl: o.sso.redirectUrl,
      clientId: { name: o.sso.secretName, key: 'client-id' },
      clientSecret: { name: o.sso.secretName, key: 'client-secret' },
      scopes: [...o.sso.scopes],
      rbac: { enabled: false },
    };
  }
  return {
    images: { pullPolicy: 'IfNotPresent' },
    crds: { install: true, full: true, keep: true },
    singleNamespace: false,
    workflow: { serviceAccount: { create: false }, rbac: { create: false } },
    controller,
    executor: { resources: r(res.executor) },
    server,
    useStaticCredentials: false,
    artifactRepository: {
      archiveLogs: false,
      s3: {
        bucket: o.artifacts.bucket,
        endpoint: `s3.${o.artifacts.region}.amazonaws.com`,
        region: o.artifacts.region,
        insecure: false,
        keyFormat: `${o.artifacts.prefix}/{{workflow.namespace}}/{{workflow.name}}/{{pod.name}}`,
      },
    },
  };
}
