/** The AWS side: artifact bucket and archive credentials (stateful, pinned), the server's and steps' roles, the alert webhook token. */
import { addresses, resourceAt, resourceList } from '../helpers/synth';
import { DATA_BUCKET_ARN, MODEL_BUCKET, refOf, synthScenario } from './fixture';

const cloud = synthScenario().cloud;
const statements = (path: string) => JSON.parse(resourceAt(cloud, 'aws_iam_role_policy', path).policy).Statement;

test('stateful resources keep their logical ids (renaming one would destroy data)', () => {
  const pinned = addresses(cloud, 'aws_s3_bucket', 'aws_secretsmanager_secret');
  expect(Object.entries(pinned).filter(([, path]) => path.includes('argo')).sort()).toEqual([
    ['aws_s3_bucket.argo-storage_artifacts_bucket_397EF0EC', 'test-cloud/argo-storage/artifacts/bucket'],
    ['aws_secretsmanager_secret.argo-events_alert-webhook-token_secret_2664FC9D', 'test-cloud/argo-events/alert-webhook-token/secret'],
    ['aws_secretsmanager_secret.argo-storage_archive-user_secret_ECE450D3', 'test-cloud/argo-storage/archive-user/secret/secret'],
  ]);
});

test('the artifact bucket is a SecureBucket that Terraform never destroys; artifacts expire after 90 days', () => {
  const bucket = resourceAt(cloud, 'aws_s3_bucket', 'argo-storage/artifacts/bucket');
  expect([bucket.force_destroy, bucket.lifecycle]).toEqual([false, { prevent_destroy: true }]);
  const lifecycle = resourceAt(cloud, 'aws_s3_bucket_lifecycle_configuration', 'argo-storage/artifacts/lifecycle');
  expect(lifecycle.rule[0].expiration).toEqual([{ days: 90 }]);
});

test('the archive credentials are generated and written write-only: username, database and version are the only literals', () => {
  const version = resourceAt(cloud, 'aws_secretsmanager_secret_version', 'argo-storage/archive-user/secret/value');
  const random = Object.keys((cloud as any).ephemeral.aws_secretsmanager_random_password).find((id) => id.startsWith('argo-storage_archive-user'));
  expect(version.secret_string_wo).toBe(`\${jsonencode({"username" = "argo_workflows", "database" = "argo_workflows", "version" = "1", "password" = ephemeral.aws_secretsmanager_random_password.${random}.random_password})}`);
  expect(version.secret_string_wo_version).toBe(1);
  expect(resourceAt(cloud, 'aws_secretsmanager_secret', 'argo-storage/archive-user/secret/secret').name).toBe('test/dev/argo-workflows/archive-db');
});

test('the server may only read the artifacts', () => {
  const bucket = refOf(cloud, 'aws_s3_bucket', 'argo-storage/artifacts/bucket', 'arn');
  expect(statements('argo-workflows/server-role/policy')).toEqual([
    { Sid: 'ArtifactsList', Effect: 'Allow', Action: 's3:ListBucket', Resource: bucket, Condition: { StringLike: { 's3:prefix': ['argo-artifacts', 'argo-artifacts/*'] } } },
    { Sid: 'ArtifactsObjects', Effect: 'Allow', Action: 's3:GetObject', Resource: `${bucket}/argo-artifacts/*` },
  ]);
  expect(resourceAt(cloud, 'aws_eks_pod_identity_association', 'argo-workflows/server-role/association')).toMatchObject({ namespace: 'argo', service_account: 'argo-workflows-server' });
});

test('the steps read and write their own artifacts and exactly the granted data prefixes', () => {
  const bucket = refOf(cloud, 'aws_s3_bucket', 'argo-storage/artifacts/bucket', 'arn');
  const rw = ['s3:GetObject', 's3:PutObject', 's3:DeleteObject', 's3:AbortMultipartUpload'];
  expect(statements('churn-pipeline/steps-role/policy')).toEqual([
    { Sid: 'ArtifactsList', Effect: 'Allow', Action: 's3:ListBucket', Resource: bucket, Condition: { StringLike: { 's3:prefix': ['argo-artifacts/churn', 'argo-artifacts/churn/*'] } } },
    { Sid: 'ArtifactsObjects', Effect: 'Allow', Action: rw, Resource: `${bucket}/argo-artifacts/churn/*` },
    { Sid: 'Data0List', Effect: 'Allow', Action: 's3:ListBucket', Resource: DATA_BUCKET_ARN, Condition: { StringLike: { 's3:prefix': ['churn', 'churn/*'] } } },
    { Sid: 'Data0Objects', Effect: 'Allow', Action: 's3:GetObject', Resource: `${DATA_BUCKET_ARN}/churn/*` },
    { Sid: 'Data1List', Effect: 'Allow', Action: 's3:ListBucket', Resource: `arn:aws:s3:::${MODEL_BUCKET}`, Condition: { StringLike: { 's3:prefix': ['models/churn/versions', 'models/churn/versions/*'] } } },
    { Sid: 'Data1Objects', Effect: 'Allow', Action: rw, Resource: `arn:aws:s3:::${MODEL_BUCKET}/models/churn/versions/*` },
  ]);
  expect(resourceAt(cloud, 'aws_eks_pod_identity_association', 'churn-pipeline/steps-role/association')).toMatchObject({ cluster_name: 'test-cluster', namespace: 'ml-pipelines', service_account: 'churn-steps' });
});

test('the alert webhook token is a generated plain-string secret', () => {
  expect(resourceAt(cloud, 'aws_secretsmanager_secret', 'argo-events/alert-webhook-token/secret').name).toBe('test/dev/argo-events/alert-webhook-token');
  const rp = Object.values<any>((cloud as any).ephemeral.aws_secretsmanager_random_password).find((e) => String(e['//']?.metadata?.path).includes('alert-webhook-token'));
  expect(rp).toMatchObject({ password_length: 48, exclude_punctuation: true });
});

test('no role of the pipelines is an IRSA role or has a managed policy', () => {
  expect(resourceList(cloud, 'aws_iam_role_policy_attachment').filter((a) => JSON.stringify(a).includes('pipeline') || JSON.stringify(a).includes('argo'))).toEqual([]);
});
