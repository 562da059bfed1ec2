/**
 * Model storage URIs: parsing, validation and the least-privilege S3 read grant for one model
 * prefix. KServe's storage initializer downloads `s3://bucket/prefix` (with the pod's AWS
 * credentials: EKS Pod Identity, no keys), `https://…` (a public or pre-signed archive) and
 * `hf://org/model[:revision]` (Hugging Face hub; a token comes from a Secret, see `hubToken`).
 *
 * @see https://kserve.github.io/website/docs/model-serving/storage/overview
 */
import { Token } from 'cdktf';
import { PolicyStatement } from '../core/iam';
import { s3AccessStatements } from '../core/s3-access';

/** A parsed `s3://bucket/prefix` URI. */
export interface S3Location {
  readonly bucket: string;
  /** Key prefix without leading or trailing `/` (may be empty for a whole bucket, which is refused). */
  readonly prefix: string;
}

/** What is wrong with a storage URI, or undefined when it is valid. */
export function storageUriProblem(uri: string): string | undefined {
  if (Token.isUnresolved(uri)) return undefined;
  const scheme = /^([a-z0-9]+):\/\//.exec(uri)?.[1];
  if (scheme === undefined) {
    return 'is not a storage URI; use s3://<bucket>/<prefix>, https://<host>/<path> or hf://<org>/<model>';
  }
  if (scheme === 's3') {
    const m = /^s3:\/\/([^/]+)\/(.*)$/.exec(uri);
    if (!m || !isBucketName(m[1])) return 'does not name a valid S3 bucket; use s3://<bucket>/<prefix>';
    if (trimSlashes(m[2]) === '') return 'points at a whole bucket; point at the model prefix (s3://<bucket>/<prefix>) so read access is limited to that model';
    if (/[*?]/.test(m[2])) return 'contains a wildcard; give the exact model prefix';
    return undefined;
  }
  if (scheme === 'https') {
    return /^https:\/\/[a-zA-Z0-9.-]+(:\d+)?\/\S+$/.test(uri) ? undefined : 'is not an https URL with a path; use https://<host>/<path to model>';
  }
  if (scheme === 'hf') {
    return /^hf:\/\/[A-Za-z0-9][\w.-]*\/[\w.-]+(:[\w.-]+)?$/.test(uri) ? undefined : 'is not a Hugging Face URI; use hf://<org>/<model> or hf://<org>/<model>:<revision>';
  }
  return `uses the unsupported scheme "${scheme}://"; use s3:// (models in S3, read through Pod Identity), https:// or hf://`;
}

/** The bucket and prefix of an `s3://` URI (undefined for other schemes or tokens). */
export function parseS3Uri(uri: string): S3Location | undefined {
  if (Token.isUnresolved(uri)) return undefined;
  const m = /^s3:\/\/([^/]+)\/(.*)$/.exec(uri);
  if (!m) return undefined;
  return { bucket: m[1], prefix: trimSlashes(m[2]) };
}

/** `s3://bucket/prefix` from a bucket and a prefix (tokens allowed). */
export function s3Uri(bucket: string, prefix: string): string {
  return `s3://${bucket}/${trimSlashes(prefix)}`;
}

/**
 * Read-only access to exactly one model prefix: `s3:GetObject` on `<prefix>/*` and `s3:ListBucket`
 * on the bucket restricted to that prefix (the storage initializer lists the prefix, then downloads
 * each object). Nothing else: no write, no other prefix.
 */
export function modelReadStatements(location: S3Location, partition = 'aws'): PolicyStatement[] {
  // no key here: InferenceServiceIdentity grants the models' KMS keys (`kmsKeyArns`) in one statement
  return s3AccessStatements({ bucketArn: `arn:${partition}:s3:::${location.bucket}` }, 'read', { prefixes: [location.prefix], sid: 'Model' });
}

function trimSlashes(text: string): string {
  return text.replace(/^\/+/, '').replace(/\/+$/, '');
}

function isBucketName(name: string): boolean {
  if (Token.isUnresolved(name)) return true;
  return /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(name) && !name.includes('..');
}
