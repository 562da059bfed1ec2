/**
 * What differs between engines, in one table: chart, service names, ports, pod labels, service
 * account, the secret's keys and the values builder. The layer constructs read only this.
 */
import { PlainObject } from '../../core/merge';
import { CHARTS, PinnedChart } from '../../core/versions';
import { VECTOR_DB_POD_PORTS, MILVUS_ROOT_USER, VECTOR_DB_SECRET_KEYS, VECTOR_DB_SERVICE_PORTS, VECTOR_DB_LABELS, VectorDbEngine } from '../constants';
import { ResolvedVectorDatabaseSpec } from '../spec';
import { EngineValuesContext } from './common-values';
import { milvusValues } from './milvus-values';
import { qdrantValues } from './qdrant-values';
import { WEAVIATE_FIXED_NAME, weaviateValues } from './weaviate-values';

/**
 * How an engine's credentials are generated and synced.
 * - `key-pair`: one generated value of 2 × {@link API_KEY_LENGTH} characters, split by the
 *   ExternalSecret template into a write key (first half) and a read-only key (second half), plus
 *   any extra templated keys; a second Secret holds the read-only key alone, for read-only clients.
 * - `root-password`: a JSON secret `{ username, password }` with a generated password.
 */
export type CredentialsLayout =
  | {
      readonly kind: 'key-pair';
      readonly writeKey: string;
      readonly readOnlyKey: string;
      /** Name of the Secret with only the read-only key. */
      readonly readOnlySecretName: string;
      /** Extra keys built from the two halves (ESO templates over `.value`). */
      readonly extraTemplates: Readonly<Record<string, string>>;
    }
  | { readonly kind: 'root-password'; readonly username: string; readonly passwordKey: string; readonly usernameKey: string };

/** Length of each generated API key. */
export const API_KEY_LENGTH = 32;

/** ESO template of the first (write) half of a key-pair value. */
export const WRITE_KEY_TEMPLATE = `{{ .value | substr 0 ${API_KEY_LENGTH} }}`;
/** ESO template of the second (read-only) half of a key-pair value. */
export const READ_ONLY_KEY_TEMPLATE = `{{ .value | substr ${API_KEY_LENGTH} ${2 * API_KEY_LENGTH} }}`;

/**
 * How the scheduled backup job works: `qdrant` and `weaviate` ask the database (curl) to write a
 * snapshot with its own credentials; `milvus` runs milvus-backup, which copies the data itself.
 */
export type SnapshotJobKind = 'qdrant' | 'weaviate' | 'milvus';

/** Engine-specific facts for one resolved spec. */
export interface EngineProfile {
  readonly engine: VectorDbEngine;
  readonly chart: PinnedChart;
  /** Service account of the database pods (Pod Identity association). */
  readonly serviceAccountName: string;
  /** Whether the library must create the service account (the chart does not). */
  readonly createServiceAccount: boolean;
  /** Client service for HTTP/REST. */
  readonly httpService: string;
  /** Client service for gRPC. */
  readonly grpcService: string;
  readonly servicePorts: { readonly http: number; readonly grpc: number };
  /** Pod ports clients reach (NetworkPolicy). */
  readonly podPorts: readonly number[];
  /** Labels selecting the database pods that clients reach. */
  readonly serverPodLabels: Readonly<Record<string, string>>;
  /** Name of the Kubernetes Secret with credentials (the database's, and clients' with write access). */
  readonly secretName: string;
  /** How the credentials are generated and laid out in the Secret. */
  readonly credentials: CredentialsLayout;
  /** Kind of the scheduled backup job (no engine schedules its own backups). */
  readonly snapshotJob: SnapshotJobKind;
  /**
   * What the bucket of `VectorDatabaseCloud.bucket` holds: `snapshots` (Qdrant, Weaviate: it is the
   * backup bucket, old snapshots expire) or `data` (Milvus: live data, never expired; backups go to
   * a second bucket).
   */
  readonly primaryBucket: 'snapshots' | 'data';
  /** Service account of the backup job, when it needs AWS access of its own (Milvus). */
  readonly backupServiceAccountName?: string;
  /** Builds the chart values. */
  values(ctx: Omit<EngineValuesContext, 'spec' | 'secretName' | 'serviceAccountName'>): PlainObject;
}

/** Credentials of the API-key engines: a write (or admin) key and a read-only key. */
function apiKeyPair(spec: ResolvedVectorDatabaseSpec, writeKey: string, extraTemplates: Record<string, string> = {}): CredentialsLayout {
  return { kind: 'key-pair', writeKey, readOnlyKey: VECTOR_DB_SECRET_KEYS.readOnlyApiKey, readOnlySecretName: `${spec.name}-read-only-api-key`, extraTemplates };
}

/** The profile of a resolved spec. */
export function engineProfile(spec: ResolvedVectorDatabaseSpec): EngineProfile {
  const ports = VECTOR_DB_POD_PORTS[spec.engine];
  const secretName = spec.engine === 'milvus' ? `${spec.name}-root` : `${spec.name}-api-keys`;
  const common = {
    engine: spec.engine,
    servicePorts: VECTOR_DB_SERVICE_PORTS[spec.engine],
    podPorts: [...new Set([ports.http, ports.grpc])],
    serviceAccountName: spec.name,
    secretName,
  };
  const values = (build: (ctx: EngineValuesContext) => PlainObject) => (ctx: Omit<EngineValuesContext, 'spec' | 'secretName' | 'serviceAccountName'>) =>
    build({ ...ctx, spec, secretName, serviceAccountName: spec.name });
  switch (spec.engine) {
    case 'qdrant':
      return {
        ...common,
        chart: CHARTS.qdrant,
        createServiceAccount: false,
        httpService: spec.name,
        grpcService: spec.name,
        serverPodLabels: { [VECTOR_DB_LABELS.instance]: spec.name },
        credentials: apiKeyPair(spec, VECTOR_DB_SECRET_KEYS.apiKey),
        snapshotJob: 'qdrant',
        primaryBucket: 'snapshots',
        values: values(qdrantValues),
      };
    case 'weaviate':
      return {
        ...common,
        chart: CHARTS.weaviate,
        // the chart creates no service account
        createServiceAccount: true,
        httpService: WEAVIATE_FIXED_NAME,
        grpcService: `${WEAVIATE_FIXED_NAME}-grpc`,
        serverPodLabels: { app: WEAVIATE_FIXED_NAME },
        // Weaviate wants every key in one variable, in the order of AUTHENTICATION_APIKEY_USERS.
        credentials: apiKeyPair(spec, VECTOR_DB_SECRET_KEYS.adminApiKey, {
          [VECTOR_DB_SECRET_KEYS.weaviateAllowedKeys]: `${WRITE_KEY_TEMPLATE},${READ_ONLY_KEY_TEMPLATE}`,
        }),
        snapshotJob: 'weaviate',
        primaryBucket: 'snapshots',
        values: values(weaviateValues),
      };
    case 'milvus':
      return {
        ...common,
        chart: CHARTS.milvus,
        createServiceAccount: false,
        httpService: spec.name,
        grpcService: spec.name,
        serverPodLabels: { [VECTOR_DB_LABELS.instance]: spec.name, component: spec.milvusMode === 'cluster' ? 'proxy' : 'standalone' },
        credentials: { kind: 'root-password', username: MILVUS_ROOT_USER, usernameKey: VECTOR_DB_SECRET_KEYS.username, passwordKey: VECTOR_DB_SECRET_KEYS.password },
        snapshotJob: 'milvus',
        primaryBucket: 'data',
        backupServiceAccountName: `${spec.name}-backup`,
        values: values(milvusValues),
      };
  }
}

/** In-cluster DNS name of a service. */
export function vectorDbServiceHost(service: string, namespace: string): string {
  return `${service}.${namespace}.svc.cluster.local`;
}
