import { TerraformStack } from 'cdktf';
import { InferenceServiceIdentity, mlflowModelUri } from '../../src/serving/inference-service-identity';
import { modelReadStatements, parseS3Uri, s3Uri, storageUriProblem } from '../../src/serving/storage-uri';
import { addresses, cloudStack, onlyResource, policy, synth, testApp, workloadsStack } from '../helpers/synth';
import { churnIdentity } from './fixture';

describe('InferenceServiceIdentity', () => {
  test('grants read on exactly the model prefix, through Pod Identity for the service account', () => {
    const stack = cloudStack();
    const identity = churnIdentity(stack);
    const json = synth(stack);
    expect(policy(onlyResource(json, 'aws_iam_role_policy').policy)).toEqual({
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'ModelList0',
          Effect: 'Allow',
          Action: 's3:ListBucket',
          Resource: 'arn:aws:s3:::acme-models',
          Condition: { StringLike: { 's3:prefix': ['models/churn', 'models/churn/*'] } },
        },
        { Sid: 'ModelObjects0', Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::acme-models/models/churn/*' },
      ],
    });
    const trust = policy(onlyResource(json, 'aws_iam_role').assume_role_policy);
    expect(trust.Statement[0].Principal).toEqual({ Service: 'pods.eks.amazonaws.com' });
    expect(trust.Statement[0].Condition.StringEquals).toEqual({
      'aws:RequestTag/eks-cluster-name': 'test-cluster',
      'aws:RequestTag/kubernetes-namespace': 'models',
      'aws:RequestTag/kubernetes-service-account': 'churn-sa',
    });
    const assoc = onlyResource(json, 'aws_eks_pod_identity_association');
    expect([assoc.cluster_name, assoc.namespace, assoc.service_account]).toEqual(['test-cluster', 'models', 'churn-sa']);
    expect(identity.serviceAccountName).toBe('churn-sa');
    expect(addresses(json, 'aws_iam_role')).toEqual({ 'aws_iam_role.churn-identity_role_2060D89F': 'test-cloud/churn-identity/role/role' });
  });

  test('SSE-KMS keys are decryptable only through S3 in the stack\'s region (StringEquals, not any region)', () => {
    const stack = cloudStack();
    new InferenceServiceIdentity(stack, 'id', {
      clusterName: 'test-cluster',
      namespace: 'models',
      serviceName: 'llm',
      models: [{ bucket: 'bucket-1', prefix: 'llm/v1' }],
      kmsKeyArns: ['arn:aws:kms:us-east-1:111122223333:key/abc'],
    });
    const statements = policy(onlyResource(synth(stack), 'aws_iam_role_policy').policy).Statement;
    expect(statements[2]).toEqual({
      Sid: 'DecryptModelObjects',
      Effect: 'Allow',
      Action: 'kms:Decrypt',
      Resource: ['arn:aws:kms:us-east-1:111122223333:key/abc'],
      Condition: { StringEquals: { 'kms:ViaService': 's3.us-east-1.amazonaws.com' } },
    });
  });

  test('outside a library cloud stack, kmsKeyArns need the region', () => {
    const app = testApp();
    const plain = new TerraformStack(app, 'plain');
    expect(() => new InferenceServiceIdentity(plain, 'id', { clusterName: 'c', namespace: 'models', serviceName: 'llm', models: [{ bucket: 'model-bucket', prefix: 'llm/v1' }], kmsKeyArns: ['arn:aws:kms:eu-west-1:111122223333:key/abc'] })).toThrow(
      'plain/id: region = (missing) is required with kmsKeyArns outside a library cloud stack; give the region of the model buckets',
    );
    const ok = new InferenceServiceIdentity(plain, 'ok', { clusterName: 'c', namespace: 'models', serviceName: 'llm', models: [{ bucket: 'model-bucket', prefix: 'llm/v1' }], kmsKeyArns: ['arn:aws:kms:eu-west-1:111122223333:key/abc'], region: 'eu-west-1' });
    expect(ok.statements[2].Condition).toEqual({ StringEquals: { 'kms:ViaService': 's3.eu-west-1.amazonaws.com' } });
  });

  test('a model registered in MLflow: read-only on its artifact prefix, KMS through S3 with the bucket context', () => {
    const stack = cloudStack();
    const mlflow = {
      bucketName: 'mlops-artifacts-123',
      artifactPrefix: 'mlflow',
      artifactLocation: { bucketArn: 'arn:aws:s3:::mlops-artifacts-123', prefix: 'mlflow', kmsKeyArn: 'arn:aws:kms:us-east-1:111122223333:key/k', region: 'us-east-1' },
    };
    const identity = new InferenceServiceIdentity(stack, 'id', { clusterName: 'c', namespace: 'models', serviceName: 'reg', mlflowModels: [{ mlflow, modelPrefix: '1/models/m-abc/artifacts' }] });
    expect(policy(onlyResource(synth(stack), 'aws_iam_role_policy').policy).Statement).toEqual([
      {
        Sid: 'MlflowModelsList0',
        Effect: 'Allow',
        Action: 's3:ListBucket',
        Resource: 'arn:aws:s3:::mlops-artifacts-123',
        Condition: { StringLike: { 's3:prefix': ['mlflow/1/models/m-abc/artifacts', 'mlflow/1/models/m-abc/artifacts/*'] } },
      },
      { Sid: 'MlflowModelsObjects0', Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::mlops-artifacts-123/mlflow/1/models/m-abc/artifacts/*' },
      {
        Sid: 'MlflowModelsKey0',
        Effect: 'Allow',
        Action: 'kms:Decrypt',
        Resource: 'arn:aws:kms:us-east-1:111122223333:key/k',
        Condition: { StringEquals: { 'kms:ViaService': 's3.us-east-1.amazonaws.com', 'kms:EncryptionContext:aws:s3:arn': 'arn:aws:s3:::mlops-artifacts-123' } },
      },
    ]);
    expect(identity.models).toEqual([{ bucket: 'mlops-artifacts-123', prefix: 'mlflow/1/models/m-abc/artifacts' }]);
    expect(mlflowModelUri(mlflow, '1/models/m-abc/artifacts')).toBe('s3://mlops-artifacts-123/mlflow/1/models/m-abc/artifacts');
  });

  test('refuses whole buckets, wildcards and the wrong layer', () => {
    const base = { clusterName: 'c', namespace: 'models', serviceName: 's' };
    expect(() => new InferenceServiceIdentity(cloudStack(), 'id', { ...base, models: [{ bucket: 'models-bucket', prefix: '' }] })).toThrow(
      'test-cloud/id: models[0].prefix = "" is empty; grant a model prefix, never a whole bucket',
    );
    expect(() => new InferenceServiceIdentity(cloudStack(), 'id', { ...base, models: [{ bucket: 'models-bucket', prefix: 'models/*' }] })).toThrow(
      'test-cloud/id: models[0].prefix = "models/*" contains a wildcard; give the exact model prefix',
    );
    expect(() => new InferenceServiceIdentity(cloudStack(), 'id', { ...base, models: [{ bucket: 'models-bucket', prefix: 'models/x/' }] })).toThrow(
      'test-cloud/id: models[0].prefix = "models/x/" starts or ends with "/"; give the prefix without surrounding slashes, e.g. "models/churn/v3"',
    );
    expect(() => new InferenceServiceIdentity(cloudStack(), 'id', { ...base, models: [{ bucket: 's3://models-bucket/churn', prefix: 'churn' }] })).toThrow(
      'test-cloud/id: models[0].bucket = "s3://models-bucket/churn" is an S3 URI or ARN, not a bucket name; give the bucket name only, e.g. "models-bucket"',
    );
    expect(() => new InferenceServiceIdentity(cloudStack(), 'id', { ...base, models: [] })).toThrow(
      'test-cloud/id: models = [] is empty; name the S3 prefix of the model (s3://<bucket>/<prefix>) the service reads, or a model in mlflowModels',
    );
    expect(() => new InferenceServiceIdentity(workloadsStack(), 'id', { ...base, models: [{ bucket: 'models-bucket', prefix: 'p' }] })).toThrow(
      'InferenceServiceIdentity belongs in the cloud layer',
    );
  });
});

describe('storage URIs', () => {
  test.each([
    ['s3://acme-models/models/churn/v3', undefined],
    ['https://example.com/models/m.tar.gz', undefined],
    ['hf://meta-llama/Llama-3.1-8B-Instruct', undefined],
    ['hf://Qwen/Qwen2.5-7B-Instruct:main', undefined],
    ['s3://acme-models/', 'points at a whole bucket; point at the model prefix (s3://<bucket>/<prefix>) so read access is limited to that model'],
    ['s3://Acme_Models/x', 'does not name a valid S3 bucket; use s3://<bucket>/<prefix>'],
    ['s3://acme-models/models/*', 'contains a wildcard; give the exact model prefix'],
    ['gs://bucket/model', 'uses the unsupported scheme "gs://"; use s3:// (models in S3, read through Pod Identity), https:// or hf://'],
    ['/mnt/models', 'is not a storage URI; use s3://<bucket>/<prefix>, https://<host>/<path> or hf://<org>/<model>'],
    ['http://example.com/m', 'uses the unsupported scheme "http://"; use s3:// (models in S3, read through Pod Identity), https:// or hf://'],
    ['hf://just-a-name', 'is not a Hugging Face URI; use hf://<org>/<model> or hf://<org>/<model>:<revision>'],
  ])('%s', (uri, problem) => {
    expect(storageUriProblem(uri)).toBe(problem);
  });

  test('parse and build', () => {
    expect(parseS3Uri('s3://b/models/x/')).toEqual({ bucket: 'b', prefix: 'models/x' });
    expect(parseS3Uri('https://x/y')).toBeUndefined();
    expect(s3Uri('b', '/models/x/')).toBe('s3://b/models/x');
    expect(modelReadStatements({ bucket: 'b', prefix: 'p' }, 'aws-us-gov')[1].Resource).toBe('arn:aws-us-gov:s3:::b/p/*');
  });
});
