/**
 * `ArgoWorkflows` (platform layer): the workflow engine of continuous training — the argo-workflows
 * chart (controller, server and the full-schema CRDs) in namespace `argo`, the namespaces the
 * pipelines run in, and the workflow archive's database on an existing PostgreSQL instance. Chart
 * values and why: `argo-workflows-values.ts`.
 *
 * - Controller and server on the system nodes; two of each with PDBs in `prod`.
 * - Archive: `PostgresAppDatabase` with write-only Secret copies creates the role and database before
 *   the release, so the controller (which exits when it cannot open its database) starts in the
 *   same apply. Give the instance the database lives on (`MlflowCloud.database`).
 * - Server: ClusterIP only. {@link ArgoWorkflows.ui} is the typed handle a front door (ALB + SSO)
 *   routes to; auth modes: `client` (default: callers bring a Kubernetes token), `sso` (OIDC, with
 *   `sso`), `server` (everyone who reaches the UI acts as the server's service account — only
 *   behind a front door that authenticates; refused without `allowServerAuthMode`).
 */
import { TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { z } from 'zod';
import { systemNodeSelector } from '../core/labels';
import { PostgresAppDatabase } from '../core/databases/postgres-app-database';
import { IPostgresInstance } from '../core/databases/postgres-instance';
import { HelmChart } from '../core/helm-chart';
import { MlopsStack, requireLayer } from '../core/layers/mlops-stack';
import { PlainObject } from '../core/merge';
import { Preset, presetSchema } from '../core/presets';
import { ISecretsManagerSecret } from '../core/secrets/secret-source';
import { WriteOnlyKubernetesSecret } from '../core/secrets/write-only-kubernetes-secret';
import { failProp, Schemas, validateProps } from '../core/validation';
import { CHARTS } from '../core/versions';
import { ArgoWorkflowsCloud } from './argo-workflows-cloud';
import { ArgoServerAuthMode, argoWorkflowsValues, TemplateReferencing } from './argo-workflows-values';
import { ARGO_CONTROLLER_METRICS, ARGO_SERVER, PIPELINE_DEFAULTS, PIPELINE_LABELS } from './constants';
import { KubernetesNamespaceV1 } from '../core/resources/kubernetes-core';

/** Where the Argo Server's UI and API are inside the cluster (what a front door routes to). */
export interface ArgoServerEndpoint {
  readonly namespace: string;
  readonly serviceName: string;
  readonly port: number;
  /** Path the UI is served under. */
  readonly path: string;
  /** Plain HTTP inside the cluster (`server.secure: false`); TLS ends at the front door. */
  readonly protocol: 'http';
  /** The server's `--auth-mode`s. */
  readonly authModes: readonly ArgoServerAuthMode[];
}

/** OIDC single sign-on of the Argo Server. */
export interface ArgoServerSso {
  /** Issuer URL of the identity provider. */
  readonly issuer: string;
  /** `<UI root URL>/oauth2/callback`. */
  readonly redirectUrl: string;
  /** Secrets Manager secret with JSON `client-id` and `client-secret` (the IdP's client). */
  readonly clientCredentials: ISecretsManagerSecret;
  /** Scopes to request. @default ['openid', 'profile', 'email', 'groups'] */
  readonly scopes?: readonly string[];
}

/** The workflow archive. */
export interface ArgoWorkflowsArchive {
  /** The PostgreSQL instance the archive database goes on (e.g. `MlflowCloud.database`). */
  readonly instance: IPostgresInstance;
  /** How long archived workflows are kept (Argo duration). @default '30d' (prod), '7d' (dev) */
  readonly ttl?: string;
}

/** Props of {@link ArgoWorkflows}. */
export interface ArgoWorkflowsProps {
  /** The cloud half (artifact bucket, archive credentials, the server's role). */
  readonly cloud: ArgoWorkflowsCloud;
  /** `dev` or `prod`. @default 'prod' */
  readonly preset?: Preset;
  /**
   * Namespaces the controller runs workflows in (created here).
   * @default ['ml-pipelines']
   */
  readonly pipelineNamespaces?: readonly string[];
  /** The archive's instance; required when the storage has archive credentials. @default - no archive */
  readonly archive?: ArgoWorkflowsArchive;
  /** Server auth modes. @default ['client'], or ['sso'] with `sso` */
  readonly authModes?: readonly ArgoServerAuthMode[];
  /** OIDC single sign-on. @default - none */
  readonly sso?: ArgoServerSso;
  /** Accept auth mode `server` (only behind an authenticating front door). @default false */
  readonly allowServerAuthMode?: boolean;
  /** Which workflows the controller runs. @default 'Secure' (only WorkflowTemplate references, pinned at start) */
  readonly templateReferencing?: TemplateReferencing;
  /** Node selector of the controller and the server (`kubernetes.io/os: linux` is always added). @default - the system nodes (`systemNodeSelector()`) */
  readonly nodeSelector?: Readonly<Record<string, string>>;
  /** Helm value overrides (keys must exist in the pinned chart). @default - none */
  readonly overrides?: PlainObject;
}

const schema = Schemas.object({
  cloud: Schemas.construct('an ArgoWorkflowsCloud', { storage: Schemas.construct('an ArgoWorkflowsStorage') }),
  preset: presetSchema.optional(),
  pipelineNamespaces: z.array(Schemas.k8sName()).min(1, { message: 'is empty; give at least one namespace for the pipelines' }).optional(),
  archive: Schemas.object({
    instance: Schemas.construct('a PostgreSQL instance (e.g. MlflowCloud.database)', { address: z.string(), port: z.number() }),
    ttl: z.string().regex(/^[0-9]+[smhd]$/, { message: 'is not an Argo duration; use e.g. "30d" or "720h"' }).optional(),
  }).optional(),
  authModes: z.array(z.enum(['client', 'sso', 'server'], { message: 'must be "client", "sso" or "server"' })).min(1).optional(),
  sso: Schemas.object({
    issuer: z.string().regex(/^https:\/\//, { message: 'is not an https issuer URL' }),
    redirectUrl: z.string().regex(/^https:\/\/.+\/oauth2\/callback$/, { message: 'must be https://<argo UI>/oauth2/callback' }),
    clientCredentials: Schemas.construct('a Secrets Manager secret with JSON client-id and client-secret', { secretArn: z.string() }),
    scopes: z.array(z.string().min(1)).optional(),
  }).optional(),
  allowServerAuthMode: z.boolean().optional(),
  templateReferencing: z.enum(['Secure', 'Strict', 'None'], { message: 'must be "Secure", "Strict" or "None"' }).optional(),
  nodeSelector: Schemas.labels().optional(),
  overrides: z.record(z.string(), z.unknown()).optional(),
});

/** Argo Workflows: controller, server, CRDs, pipeline namespaces and the archive database. */
export class ArgoWorkflows extends Construct {
  public readonly namespace: KubernetesNamespaceV1;
  /** `argo`. */
  public readonly namespaceName: string;
  /** The pipeline namespaces, by name. */
  public readonly pipelineNamespaces: Readonly<Record<string, KubernetesNamespaceV1>>;
  public readonly chart: HelmChart;
  /** The archive database, when on. */
  public readonly archive?: PostgresAppDatabase;
  /** The UI and API (a ClusterIP Service). */
  public readonly ui: ArgoServerEndpoint;
  /** The controller's metrics Service (for a ServiceMonitor). */
  public readonly controllerMetrics: { readonly namespace: string; readonly selector: Readonly<Record<string, string>>; readonly portName: string; readonly path: string };
  public readonly cloud: ArgoWorkflowsCloud;

  constructor(scope: Construct, id: string, props: ArgoWorkflowsProps) {
    super(scope, id);
    validateProps(this, schema, props);
    requireLayer(this, 'platform', 'ArgoWorkflows');
    const { cloud } = props;
    const preset = props.preset ?? 'prod';
    const authModes = props.authModes ?? (props.sso ? ['sso'] : ['client']);
    if (authModes.includes('server') && !props.allowServerAuthMode) {
      failProp(this, 'authModes', authModes, 'includes "server": anyone who reaches the UI would act as the server\'s service account; use "client" or "sso", or set allowServerAuthMode behind an authenticating front door');
    }
    if (authModes.includes('sso') !== (props.sso !== undefined)) {
      failProp(this, 'sso', props.sso?.issuer, 'and authModes disagree: auth mode "sso" needs `sso` (issuer, redirect URL, client credentials) and `sso` needs auth mode "sso"');
    }
    const archiveUser = cloud.storage.archiveUser;
    if (archiveUser && !props.archive) {
      failProp(this, 'archive', undefined, 'is required: the storage has archive credentials; pass the PostgreSQL instance (e.g. MlflowCloud.database), or build ArgoWorkflowsStorage without `archive`');
    }
    if (props.archive && !archiveUser) {
      failProp(this, 'archive', props.archive.instance.address, 'has no credentials: build ArgoWorkflowsStorage with `archive: {}` to generate them');
    }
    this.cloud = cloud;
    this.namespaceName = PIPELINE_DEFAULTS.workflowsNamespace;
    const labels = { [PIPELINE_LABELS.component]: 'argo-workflows' };
    this.namespace = new KubernetesNamespaceV1(this, 'namespace', { metadata: { name: this.namespaceName, labels } });
    const pipelineNamespaces: Record<string, KubernetesNamespaceV1> = {};
    const namespaces = [...new Set(props.pipelineNamespaces ?? [PIPELINE_DEFAULTS.pipelineNamespace])].sort();
    for (const ns of namespaces) {
      if (ns === this.namespaceName) failProp(this, 'pipelineNamespaces', ns, `is the controller's namespace; run pipelines in their own namespace (default "${PIPELINE_DEFAULTS.pipelineNamespace}")`);
      pipelineNamespaces[ns] = new KubernetesNamespaceV1(this, `pipeline-namespace-${ns}`, { metadata: { name: ns, labels: { [PIPELINE_LABELS.component]: 'ml-pipelines' } } });
    }
    this.pipelineNamespaces = pipelineNamespaces;
    const nodeSelector = systemNodeSelector(props.nodeSelector);

    if (props.archive && archiveUser) {
      this.archive = new PostgresAppDatabase(this, 'archive', {
        instance: props.archive.instance,
        user: archiveUser,
        namespace: this.namespaceName,
        secretCopies: 'write-only',
        nodeSelector,
        dependsOn: [this.namespace],
      });
    }
    const sso = props.sso
      ? new WriteOnlyKubernetesSecret(this, 'sso-client', {
          source: props.sso.clientCredentials,
          namespace: this.namespaceName,
          secretName: 'argo-server-sso',
          properties: { 'client-id': 'client-id', 'client-secret': 'client-secret' },
          dependsOn: [this.namespace],
        })
      : undefined;

    const stack = TerraformStack.of(this);
    const region = stack instanceof MlopsStack ? stack.region : cloud.region;
    const release = PIPELINE_DEFAULTS.workflowsRelease;
    this.chart = new HelmChart(this, 'chart', {
      chart: CHARTS.argoWorkflows,
      releaseName: release,
      namespace: this.namespaceName,
      values: argoWorkflowsValues({
        preset,
        pipelineNamespaces: namespaces,
        nodeSelector,
        artifacts: { bucket: cloud.storage.artifactBucket.bucketName, region, prefix: cloud.storage.artifactPrefix },
        archive:
          this.archive && props.archive
            ? {
                host: props.archive.instance.address,
                port: props.archive.instance.port,
                database: this.archive.databaseName,
                sslMode: this.archive.sslMode,
                secretName: this.archive.userSecret.secretName,
                usernameKey: this.archive.userSecret.usernameKey,
                passwordKey: this.archive.userSecret.passwordKey,
                ttl: props.archive.ttl ?? (preset === 'dev' ? '7d' : '30d'),
              }
            : undefined,
        authModes,
        sso: props.sso && sso ? { issuer: props.sso.issuer, redirectUrl: props.sso.redirectUrl, secretName: sso.secretName, scopes: props.sso.scopes ?? ['openid', 'profile', 'email', 'groups'] } : undefined,
        templateReferencing: props.templateReferencing ?? 'Secure',
      }),
      overrides: props.overrides,
      dependsOn: [this.namespace, ...Object.values(pipelineNamespaces), ...(this.archive?.ready ?? []), ...(sso ? [sso.secret] : [])],
    });
    this.ui = { namespace: this.namespaceName, serviceName: `${release}-server`, port: ARGO_SERVER.port, path: ARGO_SERVER.path, protocol: 'http', authModes };
    this.controllerMetrics = {
      namespace: this.namespaceName,
      selector: { 'app.kubernetes.io/name': `${release}-workflow-controller`, 'app.kubernetes.io/instance': release },
      portName: ARGO_CONTROLLER_METRICS.servicePortName,
      path: ARGO_CONTROLLER_METRICS.path,
    };
  }
}
