/**
 * `KnowledgeBaseIngestion` (workloads layer): a versioned knowledge base for RAG — a scheduled job
 * that embeds the documents of an S3 prefix into a **new** Qdrant collection and, only when that
 * succeeded, moves the alias the RAG application queries to it in one atomic step, keeping the
 * previous version for rollback.
 *
 * One run (a CronJob's Job, one at a time):
 * 1. the embedding container — **the user's image** — creates `$KB_COLLECTION` (`<alias>--<run
 *    id>`) and writes every document's chunks into it, reading the documents from `$KB_SOURCE_URI`
 *    with the job's read-only Pod Identity role and writing with `$QDRANT_URL` / `$QDRANT_API_KEY`
 *    (contract: `KB_ENV`, docs/catalog/llmops.md). It exits non-zero on any error: the run stops and
 *    the alias stays on the current version. It runs as an init container, so it finishes before:
 * 2. the alias switch (the library's, `aliasSwitchScript`): checks the new collection, moves the
 *    alias atomically, deletes versions older than the previous one.
 * Roll back: point the alias at the previous collection (`POST /collections/aliases`).
 *
 * Engines: Qdrant only. Milvus (`alter_alias`) and Weaviate (collection aliases, v1.32+) have
 * aliases too, but the library does not switch them yet: other engines are refused at construction.
 *
 * The embedding container may run on a GPU pool (`embedding.gpu`; the scheduling contract checks a
 * pool can run it) and is non-root with no privilege escalation; no Kubernetes API token is mounted.
 */
import { Construct } from 'constructs';
import { z } from 'zod';
import { assertSchedulable } from '../../compute/scheduling/scheduling-contract';
import { requireLayer } from '../../core/layers/mlops-stack';
import { k8sName } from '../../core/naming';
import { ContainerResources, containerResourcesSchema, containerSecurityContext, providerPodSecurityContext, resourcesBlock } from '../../core/pod-security';
import { DAILY_JOB_RUNS, scheduledJob } from '../../core/scheduled-job';
import { SyncedSecret } from '../../core/secrets/synced-secret';
import { failProp, Schemas, validateProps } from '../../core/validation';
import { CURL_IMAGE_USER, IMAGES } from '../../core/versions';
import { GpuRequest, gpuRequestSchema, gpuResources } from '../../serving/accelerators';
import { VectorDatabase } from '../../vectordb/vector-database';
import { aliasSwitchScript } from './alias-switch-script';
import { JOB_NAME_LABEL, KB_ENV, KB_VERSION_SEPARATOR } from './constants';
import { KnowledgeBaseIdentity } from './knowledge-base-identity';
import { KubernetesCronJobV1 } from '../../core/resources/pod-spec';
import { KubernetesServiceAccountV1 } from '../../core/resources/kubernetes-core';

/** The user's embedding container. */
export interface EmbeddingContainer {
  /** Image, pinned by tag (not `latest`) or digest. */
  readonly image: string;
  /** Command. @default - the image's entrypoint */
  readonly command?: readonly string[];
  /** Arguments. @default - none */
  readonly args?: readonly string[];
  /** More environment variables (no secrets). @default - none */
  readonly env?: Readonly<Record<string, string>>;
  /** Requests/limits. @default 1 CPU / 4Gi requested, 2 CPU / 8Gi limit */
  readonly resources?: ContainerResources;
  /** Run on a GPU pool (whole GPUs or a MIG slice). @default - CPU only, on the system nodes */
  readonly gpu?: GpuRequest;
  /** uid and gid the image runs as (non-root). @default 1000 */
  readonly runAs?: number;
}

/** Props of {@link KnowledgeBaseIngestion}. */
export interface KnowledgeBaseIngestionProps {
  /** The job's AWS identity (cloud layer): namespace, service account, documents. */
  readonly identity: KnowledgeBaseIdentity;
  /** The vector database (Qdrant); `identity.namespace` must be one of its client namespaces. */
  readonly vectorDatabase: VectorDatabase;
  /** The alias the RAG application queries (a Qdrant collection name it never writes). */
  readonly alias: string;
  /** The embedding step. */
  readonly embedding: EmbeddingContainer;
  /** Cron schedule (UTC). @default '0 1 * * *' (daily, 01:00) */
  readonly schedule?: string;
  /** Fewest points the new version must hold for the alias to move. @default 1 */
  readonly minPoints?: number;
  /** Longest a run may take, in seconds. @default 21600 (6 hours) */
  readonly deadlineSeconds?: number;
  /** Name of the CronJob. @default - `<alias>-ingest` */
  readonly name?: string;
}

const schema = Schemas.props<KnowledgeBaseIngestionProps>()({
  identity: Schemas.construct('the KnowledgeBaseIdentity of the cloud layer', { namespace: z.string(), serviceAccountName: z.string() }),
  vectorDatabase: Schemas.construct('a VectorDatabase (Qdrant)'),
  alias: z.string().regex(/^[a-z0-9][a-z0-9_-]{0,62}$/, { message: 'is not an alias the library accepts; use lowercase letters, digits, "_" and "-", at most 63 characters' }).refine((a) => !a.includes(KB_VERSION_SEPARATOR), { message: `contains "${KB_VERSION_SEPARATOR}", which separates an alias from its versions; use single hyphens` }),
  embedding: Schemas.props<EmbeddingContainer>()({
    image: Schemas.image(),
    command: z.array(z.string()).optional(),
    args: z.array(z.string()).optional(),
    env: Schemas.env('the job reads the Qdrant API key from its synced Secret and S3 through Pod Identity; keep other secrets out of env').optional(),
    resources: containerResourcesSchema.optional(),
    gpu: gpuRequestSchema.optional(),
    runAs: z.number().int().min(1, { message: 'is root (0); run the embedding image as a non-root uid' }).optional(),
  }),
  schedule: Schemas.cron().optional(),
  minPoints: z.number().int().min(1, { message: 'must be at least 1; an empty collection must never become the live version' }).optional(),
  deadlineSeconds: Schemas.positiveInt('number of seconds').optional(),
  name: Schemas.k8sName().optional(),
});

/** Default requests/limits of the embedding container. */
export const EMBEDDING_RESOURCES: ContainerResources = { requests: { cpu: '1', memory: '4Gi' }, limits: { cpu: '2', memory: '8Gi' } };

/** The scheduled, versioned ingestion of a knowledge base. */
export class KnowledgeBaseIngestion extends Construct {
  public readonly cronJob: KubernetesCronJobV1;
  public readonly serviceAccount: KubernetesServiceAccountV1;
  /** The read-write Qdrant credentials in the job's namespace. */
  public readonly credentials: SyncedSecret;
  public readonly alias: string;

  constructor(scope: Construct, id: string, props: KnowledgeBaseIngestionProps) {
    super(scope, id);
    validateProps(this, schema, props);
    requireLayer(this, 'workloads', 'KnowledgeBaseIngestion');
    const { identity, vectorDatabase: db } = props;
    if (db.spec.engine !== 'qdrant') {
      failProp(this, 'vectorDatabase', db.spec.engine, 'is not supported: the library switches Qdrant collection aliases only (Milvus alter_alias and Weaviate aliases are not implemented); use Qdrant, or run your own ingestion');
    }
    if (props.embedding.gpu) {
      assertSchedulable(this, { workload: `knowledge base ${props.alias} embedding`, resources: gpuResources(props.embedding.gpu), tolerations: props.embedding.gpu.pool.tolerations, nodeSelector: props.embedding.gpu.pool.nodeSelector });
    }
    const e = KB_ENV;
    const namespace = identity.namespace;
    const name = props.name ?? k8sName(props.alias, 'ingest');
    this.alias = props.alias;
    const labels = { 'app.kubernetes.io/name': name, 'app.kubernetes.io/component': 'knowledge-base' };
    this.serviceAccount = new KubernetesServiceAccountV1(this, 'service-account', {
      metadata: { name: identity.serviceAccountName, namespace, labels: { ...labels } },
      automountServiceAccountToken: false,
    });
    this.credentials = db.syncClientCredentials(this, 'qdrant-credentials', { namespace, access: 'read-write', secretName: k8sName(name, 'qdrant') });
    const creds = db.profile.credentials;
    if (creds.kind !== 'key-pair') throw new Error('internal: a Qdrant profile without an API key pair');
    const apiKeyRef = this.credentials.secretKeyRef(creds.writeKey);
    // KB_COLLECTION is built from KB_ALIAS and KB_RUN_ID by Kubernetes' $(VAR) expansion.
    const common = [
      { name: e.alias, value: props.alias },
      { name: e.runId, valueFrom: { fieldRef: { fieldPath: `metadata.labels['${JOB_NAME_LABEL}']` } } },
      { name: e.collection, value: `$(${e.alias})${KB_VERSION_SEPARATOR}$(${e.runId})` },
      { name: e.qdrantUrl, value: db.endpoint.http },
      { name: e.qdrantApiKey, valueFrom: { secretKeyRef: { ...apiKeyRef } } },
    ];
    const emb = props.embedding;
    const userEnv = Object.keys(emb.env ?? {})
      .sort()
      .map((k) => ({ name: k, value: emb.env![k] }));
    const runAs = emb.runAs ?? 1000;
    const gpu = emb.gpu;
    const resources = resourcesBlock(emb.resources ?? EMBEDDING_RESOURCES);
    const extended = gpu ? Object.fromEntries(Object.entries(gpuResources(gpu)).map(([k, v]) => [k, String(v)])) : {};
    this.cronJob = scheduledJob(this, {
      name,
      namespace,
      labels,
      schedule: props.schedule ?? '0 1 * * *',
      ...DAILY_JOB_RUNS,
      backoffLimit: 1,
      activeDeadlineSeconds: props.deadlineSeconds ?? 6 * 3600,
      pod: {
        serviceAccountName: identity.serviceAccountName,
        automountServiceAccountToken: false,
        enableServiceLinks: false,
        securityContext: { ...providerPodSecurityContext(runAs, runAs) },
        ...(gpu ? { nodeSelector: { ...gpu.pool.nodeSelector }, toleration: gpu.pool.tolerations.map((t) => ({ ...t })) } : {}),
        initContainer: [
          {
            name: 'embed',
            image: emb.image,
            command: emb.command ? [...emb.command] : undefined,
            args: emb.args ? [...emb.args] : undefined,
            env: [...common, { name: e.sourceUri, value: `s3://${identity.source.bucketName}/${identity.source.prefix}` }, { name: e.region, value: identity.region }, ...userEnv],
            resources: { requests: { ...resources.requests, ...extended }, limits: { ...resources.limits, ...extended } },
            securityContext: containerSecurityContext(false),
            volumeMount: [{ name: 'tmp', mountPath: '/tmp' }],
          },
        ],
        container: [
          {
            name: 'switch-alias',
            image: `${IMAGES.curl.repository}:${IMAGES.curl.tag}`,
            command: ['/bin/sh', '-c', aliasSwitchScript()],
            env: [...common, { name: e.minPoints, value: String(props.minPoints ?? 1) }],
            resources: { requests: { cpu: '10m', memory: '32Mi' }, limits: { cpu: '200m', memory: '64Mi' } },
            securityContext: { ...containerSecurityContext(), runAsUser: String(CURL_IMAGE_USER.uid), runAsGroup: String(CURL_IMAGE_USER.gid) },
          },
        ],
        volume: [{ name: 'tmp', emptyDir: { sizeLimit: '10Gi' } }],
      },
      dependsOn: [this.serviceAccount, this.credentials.manifest, db.chart.release],
    });
  }
}
