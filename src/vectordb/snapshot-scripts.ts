/**
 * Shell scripts of the snapshot CronJob (busybox sh + curl of the pinned curl image). Neither Qdrant
 * nor Weaviate schedules its own snapshots: the job asks the database to write one to S3, and the
 * database uploads it with its own Pod Identity credentials (the job needs no AWS access).
 *
 * Scripts never use `${…}`: Terraform would read it as an interpolation. Variables are `$NAME`.
 */
import { CURL_IMAGE_USER, IMAGES } from '../core/versions';
import { VECTOR_DB_POD_PORTS, VECTOR_DB_SERVICE_PORTS } from './constants';
import { vectorDbServiceHost } from './engines/engine-profile';
import { SnapshotJobContainer } from './snapshot-cron-job';

/** uid/gid of the curl image's `curl_user`. */
export const SNAPSHOT_JOB_UID = CURL_IMAGE_USER.uid;
export const SNAPSHOT_JOB_GID = CURL_IMAGE_USER.gid;

/** Engines whose snapshot job is a curl script. */
export type CurlSnapshotKind = 'qdrant' | 'weaviate';

/** What a snapshot script needs. */
export interface SnapshotScriptTarget {
  /** StatefulSet / service name of the database. */
  readonly name: string;
  readonly namespace: string;
  readonly replicas: number;
  /** Client service for HTTP. */
  readonly httpService: string;
}

/** Env var the scripts read the API key from. */
export const SNAPSHOT_API_KEY_ENV = 'API_KEY';

/**
 * Qdrant: a collection snapshot on every node (in cluster mode each node snapshots the shards it
 * holds), addressed through the headless service `<name>-headless`.
 */
function qdrantScript(t: SnapshotScriptTarget): string {
  const port = VECTOR_DB_POD_PORTS.qdrant.http;
  return [
    'set -eu',
    `for i in $(seq 0 ${t.replicas - 1}); do`,
    `  node="http://${t.name}-$i.${t.name}-headless.${t.namespace}.svc.cluster.local:${port}"`,
    `  names=$(curl -fsS -H "api-key: $${SNAPSHOT_API_KEY_ENV}" "$node/collections" | grep -o '"name":"[^"]*"' | cut -d'"' -f4)`,
    '  for c in $names; do',
    `    curl -fsS -X POST -H "api-key: $${SNAPSHOT_API_KEY_ENV}" "$node/collections/$c/snapshots?wait=true" > /dev/null`,
    '    echo "snapshot of $c on node $i written"',
    '  done',
    'done',
  ].join('\n');
}

/** Weaviate: one backup of every collection through the backup-s3 module; waits for the result. */
function weaviateScript(t: SnapshotScriptTarget): string {
  const url = `http://${vectorDbServiceHost(t.httpService, t.namespace)}:${VECTOR_DB_SERVICE_PORTS.weaviate.http}/v1/backups/s3`;
  return [
    'set -eu',
    'id="scheduled-$(date -u +%Y%m%d%H%M%S)"',
    `curl -fsS -X POST -H "Authorization: Bearer $${SNAPSHOT_API_KEY_ENV}" -H "Content-Type: application/json" -d "{\\"id\\":\\"$id\\"}" "${url}" > /dev/null`,
    'while true; do',
    `  status=$(curl -fsS -H "Authorization: Bearer $${SNAPSHOT_API_KEY_ENV}" "${url}/$id" | grep -o '"status":"[A-Z]*"' | cut -d'"' -f4)`,
    '  case "$status" in',
    '    SUCCESS) echo "backup $id written"; exit 0 ;;',
    '    FAILED|CANCELED) echo "backup $id $status"; exit 1 ;;',
    '  esac',
    '  sleep 15',
    'done',
  ].join('\n');
}

/** The script of a snapshot job kind. */
export function snapshotScript(kind: CurlSnapshotKind, target: SnapshotScriptTarget): string {
  return kind === 'qdrant' ? qdrantScript(target) : weaviateScript(target);
}

/**
 * The container of a Qdrant or Weaviate snapshot job: the pinned curl image running the kind's
 * script, with an API key allowed to create snapshots from `apiKeySecret`.
 */
export function curlSnapshotContainer(
  kind: CurlSnapshotKind,
  target: SnapshotScriptTarget,
  apiKeySecret: { readonly name: string; readonly key: string },
): SnapshotJobContainer {
  return {
    name: 'snapshot',
    image: `${IMAGES.curl.repository}:${IMAGES.curl.tag}`,
    command: ['/bin/sh', '-c', snapshotScript(kind, target)],
    env: [{ name: SNAPSHOT_API_KEY_ENV, valueFrom: { secretKeyRef: { name: apiKeySecret.name, key: apiKeySecret.key } } }],
    resources: { requests: { cpu: '10m', memory: '32Mi' }, limits: { cpu: '200m', memory: '64Mi' } },
  };
}
