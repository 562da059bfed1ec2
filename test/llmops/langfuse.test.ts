import * as fs from 'fs';
import * as path from 'path';
import { parse } from 'yaml';
import { App, Testing } from 'cdktf';
import { ClusterRef } from '../../src/cluster/cluster-ref';
import { StackSet } from '../../src/core/layers/stack-set';
import { ExternalSecretsAccess } from '../../src/core/secrets/external-secrets-access';
import { LangfuseCloud, LangfuseData } from '../../src/llmops/langfuse';
import { existingSecret } from '../../src/core/secrets/secret-source';
import { addresses, policy, resourceAt, resourceList, resources, synth, TEST_ENV, TfJson } from '../helpers/synth';
import { tempDir } from '../review/fixtures';
import { langfuseFixture } from './fixture';

const dev = langfuseFixture();
const values = (json: TfJson) => parse(resourceList(json, 'helm_release')[0].values[0]);
const manifests = (json: TfJson) => resourceList(json, 'kubernetes_manifest').map((r) => r.manifest);

describe('LangfuseData (stateful)', () => {
  test('logical ids of the stateful resources are pinned', () => {
    expect(addresses(dev.cloudJson(), 'aws_db_instance', 'aws_elasticache_replication_group', 'aws_s3_bucket')).toEqual({
      'aws_db_instance.langfuse-data_database_instance_80009F60': 'test-cloud/langfuse-data/database/instance',
      'aws_elasticache_replication_group.langfuse-data_redis_replication-group_B33649E0': 'test-cloud/langfuse-data/redis/replication-group',
      'aws_s3_bucket.langfuse-data_backups_bucket_07248B31': 'test-cloud/langfuse-data/backups/bucket',
      'aws_s3_bucket.langfuse-data_bucket_BFEAA5D6': 'test-cloud/langfuse-data/bucket/bucket',
    });
  });

  test('a dedicated PostgreSQL instance, protected, TLS-only, master password kept by RDS', () => {
    const db = resourceAt(dev.cloudJson(), 'aws_db_instance', 'langfuse-data/database/instance');
    expect(db).toMatchObject({ engine: 'postgres', db_name: 'langfuse', username: 'langfuse_admin', manage_master_user_password: true, deletion_protection: true, storage_encrypted: true, publicly_accessible: false, instance_class: 'db.t4g.micro', lifecycle: { prevent_destroy: true } });
    expect(db.password).toBeUndefined();
  });

  test('Redis: TLS required, AUTH from the generated token, noeviction parameter group', () => {
    const json = dev.cloudJson();
    const group = resourceAt(json, 'aws_elasticache_replication_group', 'langfuse-data/redis/replication-group');
    expect(group).toMatchObject({ transit_encryption_enabled: true, transit_encryption_mode: 'required', at_rest_encryption_enabled: 'true', num_cache_clusters: 1, node_type: 'cache.t4g.small' });
    const params = resourceAt(json, 'aws_elasticache_parameter_group', 'langfuse-data/redis/parameter-group');
    expect(params).toMatchObject({ family: 'redis7', parameter: [{ name: 'maxmemory-policy', value: 'noeviction' }] });
    expect(group.parameter_group_name).toBe('${aws_elasticache_parameter_group.langfuse-data_redis_parameter-group_E39322FB.name}');
  });

  test('every secret is generated write-only; ENCRYPTION_KEY is 64 hex characters; the admin password has symbols', () => {
    const json = dev.cloudJson();
    const names = resourceList(json, 'aws_secretsmanager_secret').map((s) => s.name).sort();
    expect(names).toEqual(['test/dev/langfuse/admin', 'test/dev/langfuse/clickhouse', 'test/dev/langfuse/database', 'test/dev/langfuse/encryption-key', 'test/dev/langfuse/nextauth-secret', 'test/dev/langfuse/project-keys', 'test/dev/langfuse/redis', 'test/dev/langfuse/salt']);
    for (const v of resourceList(json, 'aws_secretsmanager_secret_version')) {
      expect(v.secret_string).toBeUndefined();
      expect(v.secret_string_wo).toMatch(/ephemeral\.aws_secretsmanager_random_password\./);
    }
    const random = (suffix: string) => Object.entries<any>(json.ephemeral?.aws_secretsmanager_random_password ?? {}).find(([, r]) => String(r['//']?.metadata?.path).endsWith(suffix))![1];
    expect(random('langfuse-data/encryption-key/random-password')).toMatchObject({ password_length: 64, exclude_punctuation: true, exclude_uppercase: true, exclude_characters: 'ghijklmnopqrstuvwxyz', require_each_included_type: false });
    expect(random('langfuse-data/admin-password/random-password')).toMatchObject({ exclude_punctuation: false, require_each_included_type: true });
    const keys = resourceAt(json, 'aws_secretsmanager_secret_version', 'langfuse-data/project-keys/value');
    expect(keys.secret_string_wo).toBe('${jsonencode({"publicKey" = "pk-lf-mlops-llm", "secretKey" = ephemeral.aws_secretsmanager_random_password.langfuse-data_project-keys_random-password_6E7E9FF8.random_password})}');
  });

  test('an external ClickHouse replaces the backup bucket and the generated ClickHouse password', () => {
    const ext = langfuseFixture({ data: { externalClickHouse: { host: 'https://ch.example.com', httpPort: 8443, nativePort: 9440, migrationTls: true, username: 'langfuse', passwordSecret: existingSecret({ secretArn: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:ch-AbCdEf', remoteKey: 'ch' }) } } });
    expect(Object.keys(addresses(ext.cloudJson(), 'aws_s3_bucket'))).toHaveLength(1);
    expect(resourceList(ext.cloudJson(), 'aws_secretsmanager_secret').map((s) => s.name)).not.toContain('test/dev/langfuse/clickhouse');
    expect(values(ext.workloadsJson()).clickhouse).toEqual({
      deploy: false,
      host: 'https://ch.example.com',
      httpPort: 8443,
      nativePort: 9440,
      database: 'default',
      auth: { username: 'langfuse', existingSecret: 'langfuse-clickhouse', existingSecretKey: 'password' },
      migration: { ssl: true },
      cluster: { enabled: false },
    });
    expect(resources(ext.workloadsJson(), 'kubernetes_deployment_v1')).toEqual({});
    expect(resources(ext.workloadsJson(), 'kubernetes_cron_job_v1')).toEqual({});
  });

  test('a shared instance gets only the database and role, no second instance', () => {
    const shared = langfuseFixture({ data: { database: { instance: { address: 'mlflow.abc.us-east-1.rds.amazonaws.com', port: 5432, masterUserSecret: existingSecret({ secretArn: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:rds!db-1', jsonKeys: ['password', 'username'] }) } } } });
    expect(resources(shared.cloudJson(), 'aws_db_instance')).toEqual({});
    expect(values(shared.workloadsJson()).postgresql.host).toBe('mlflow.abc.us-east-1.rds.amazonaws.com');
  });

  test('in a StackSet: key, buckets, database, cache and secrets in the data stack at the pinned addresses, with the VPC read there; roles and ingress rules in cloud', () => {
    const outdir = tempDir('langfuse-data-layer-');
    const app = new App({ outdir, skipBackendValidation: true });
    const set = new StackSet(app, { ...TEST_ENV, name: 'llm' });
    // A cluster looked up by name: its VPC and subnets are data sources of the stack that binds it.
    const cluster = ClusterRef.fromName({ clusterName: 'llm', region: TEST_ENV.region });
    set.connect(cluster);
    const access = new ExternalSecretsAccess(set.cloud, 'eso-access', { clusterName: 'llm' });
    const data = new LangfuseData(set.cloud, 'langfuse-data', { cluster, preset: 'dev' });
    new LangfuseCloud(set.cloud, 'langfuse', { data, clusterName: 'llm', secretsAccess: access });
    app.synth();
    const json = (layer: string) => JSON.parse(fs.readFileSync(path.join(outdir, 'stacks', `llm-dev-${layer}`, 'cdk.tf.json'), 'utf8'));
    const [dataJson, cloudJson] = [json('data'), json('cloud')];
    const langfuse = (j: TfJson) => Object.entries<Record<string, any>>(j.resource ?? {}).flatMap(([type, byName]) => Object.keys(byName).filter((n) => n.startsWith('langfuse')).map((n) => `${type}.${n}`));
    // the same addresses as in a cloud stack alone (pinned above), now in the data stack
    expect(addresses(dataJson, 'aws_db_instance', 'aws_elasticache_replication_group', 'aws_s3_bucket', 'aws_kms_key')).toEqual(
      expect.objectContaining({
        'aws_db_instance.langfuse-data_database_instance_80009F60': 'llm-dev-data/langfuse-data/database/instance',
        'aws_elasticache_replication_group.langfuse-data_redis_replication-group_B33649E0': 'llm-dev-data/langfuse-data/redis/replication-group',
        'aws_s3_bucket.langfuse-data_backups_bucket_07248B31': 'llm-dev-data/langfuse-data/backups/bucket',
        'aws_s3_bucket.langfuse-data_bucket_BFEAA5D6': 'llm-dev-data/langfuse-data/bucket/bucket',
        'aws_kms_key.langfuse-data_kms-key_DC9D9714': 'llm-dev-data/langfuse-data/kms-key',
      }),
    );
    expect(Object.keys(dataJson.resource.aws_secretsmanager_secret).filter((n) => n.startsWith('langfuse-data')).length).toBe(data.secrets.length - 1); // all but RDS's own master secret
    // the cloud stack keeps what names the cluster: Pod Identity roles and the ingress rules from its nodes
    expect([...new Set(langfuse(cloudJson).map((a) => a.split('.')[0]))].sort()).toEqual(['aws_eks_pod_identity_association', 'aws_iam_role', 'aws_iam_role_policy', 'aws_vpc_security_group_ingress_rule']);
    expect(langfuse(cloudJson).filter((a) => a.startsWith('aws_vpc_security_group_ingress_rule')).sort()).toEqual([
      expect.stringMatching(/^aws_vpc_security_group_ingress_rule\.langfuse-data_database_/),
      expect.stringMatching(/^aws_vpc_security_group_ingress_rule\.langfuse-data_redis_/),
    ]);
    // the data stack reads nothing of the cluster's stack
    const manifest = JSON.parse(fs.readFileSync(path.join(outdir, 'manifest.json'), 'utf8'));
    expect(manifest.stacks['llm-dev-data'].dependencies).toEqual([]);
    expect(dataJson.data?.terraform_remote_state).toBeUndefined();
  });

  test('on an existing cluster, created in the data stack: everything there, ingress rules included', () => {
    const app = Testing.app();
    const set = new StackSet(app, { ...TEST_ENV, name: 'llm' });
    const cluster = ClusterRef.fromName({ clusterName: 'existing', region: TEST_ENV.region });
    set.connect(cluster);
    new LangfuseData(set.data, 'langfuse-data', { cluster, preset: 'dev' });
    const json = synth(set.data);
    expect(Object.keys(json.resource ?? {})).toEqual(expect.arrayContaining(['aws_db_instance', 'aws_elasticache_replication_group', 'aws_s3_bucket', 'aws_kms_key', 'aws_vpc_security_group_ingress_rule']));
    expect(synth(set.cloud).resource).toBeUndefined();
  });
});

describe('LangfuseCloud (roles)', () => {
  const policies = () => resourceList(dev.cloudJson(), 'aws_iam_role_policy').map((p) => ({ role: p.role, doc: policy(p.policy) }));

  test('the web/worker role works under events/, media/ and exports/ only; ClickHouse only under its backups', () => {
    const docs = policies().map((p) => p.doc);
    const langfuse = docs.find((d) => d.Statement[0].Sid === 'LangfuseList');
    expect(langfuse.Statement.map((s: any) => [s.Sid, s.Action, s.Resource])).toEqual([
      ['LangfuseList', 's3:ListBucket', '${aws_s3_bucket.langfuse-data_bucket_BFEAA5D6.arn}'],
      ['LangfuseObjects', ['s3:GetObject', 's3:PutObject', 's3:DeleteObject', 's3:AbortMultipartUpload'], ['events', 'media', 'exports'].map((p) => `\${aws_s3_bucket.langfuse-data_bucket_BFEAA5D6.arn}/${p}/*`)],
      ['LangfuseKey', ['kms:Decrypt', 'kms:GenerateDataKey'], '${aws_kms_key.langfuse-data_kms-key_DC9D9714.arn}'],
    ]);
    expect(langfuse.Statement[0].Condition).toEqual({ StringLike: { 's3:prefix': ['events', 'events/*', 'media', 'media/*', 'exports', 'exports/*'] } });
    const backups = docs.find((d) => d.Statement[0].Sid === 'BackupsList');
    expect(backups.Statement[1]).toEqual({ Sid: 'BackupsObjects', Effect: 'Allow', Action: ['s3:GetObject', 's3:PutObject', 's3:DeleteObject', 's3:AbortMultipartUpload'], Resource: '${aws_s3_bucket.langfuse-data_backups_bucket_07248B31.arn}/clickhouse/*' });
    const associations = resourceList(dev.cloudJson(), 'aws_eks_pod_identity_association').map((a) => `${a.namespace}/${a.service_account}`).sort();
    expect(associations).toEqual(['external-secrets/external-secrets', 'langfuse/clickhouse', 'langfuse/langfuse']);
  });

  test('the External Secrets Operator may read every Langfuse secret and the RDS master secret', () => {
    const eso = policies().find((p) => p.doc.Statement[0].Sid === 'ReadGrantedSecrets')!.doc;
    const arns = eso.Statement[0].Resource as string[];
    expect(arns).toHaveLength(9);
    expect(arns).toContain('${aws_db_instance.langfuse-data_database_instance_80009F60.master_user_secret[0].secret_arn}');
    expect(arns.filter((a) => a.startsWith('${aws_secretsmanager_secret.langfuse-data_'))).toHaveLength(8);
  });
});

describe('LangfusePlatform', () => {
  test('namespace and NetworkPolicies: clients reach the web pods on 3000 only', () => {
    const json = dev.platformJson();
    expect(resourceList(json, 'kubernetes_namespace_v1')[0]).toMatchObject({ metadata: { name: 'langfuse' }, lifecycle: { prevent_destroy: false } });
    const web = resourceList(json, 'kubernetes_network_policy_v1').find((n) => n.metadata.name === 'langfuse-web-clients');
    expect(web.spec).toEqual({
      pod_selector: { match_labels: { 'app.kubernetes.io/name': 'langfuse', 'app.kubernetes.io/instance': 'langfuse', app: 'web' } },
      policy_types: ['Ingress'],
      ingress: [{ from: [{ namespace_selector: { match_expressions: [{ key: 'kubernetes.io/metadata.name', operator: 'In', values: ['models'] }] } }], ports: [{ port: '3000', protocol: 'TCP' }] }],
    });
    expect(resourceList(json, 'kubernetes_network_policy_v1').map((n) => n.metadata.name).sort()).toEqual(['langfuse-default-deny', 'langfuse-same-namespace', 'langfuse-web-clients']);
  });

  test('prod protects the namespace that holds ClickHouse\'s volume', () => {
    const prod = langfuseFixture({ data: { preset: 'prod' } });
    expect(resourceList(prod.platformJson(), 'kubernetes_namespace_v1')[0].lifecycle).toEqual({ prevent_destroy: true });
    expect(resourceAt(prod.workloadsJson(), 'kubernetes_persistent_volume_claim_v1', 'clickhouse/server/volume')).toMatchObject({ lifecycle: { prevent_destroy: true }, spec: { storage_class_name: 'gp3-encrypted', resources: { requests: { storage: '100Gi' } } } });
  });
});

describe('Langfuse (workloads)', () => {
  test('the chart: bundled stores off, managed stores wired, every secret by reference', () => {
    const v = values(dev.workloadsJson());
    expect(v.postgresql).toEqual({
      deploy: false,
      host: '${aws_db_instance.langfuse-data_database_instance_80009F60.address}',
      port: 5432,
      args: 'sslmode=require',
      auth: { username: 'langfuse', database: 'langfuse', existingSecret: 'langfuse-db', secretKeys: { userPasswordKey: 'password' } },
    });
    expect(v.redis).toEqual({ deploy: false, host: '${aws_elasticache_replication_group.langfuse-data_redis_replication-group_B33649E0.primary_endpoint_address}', port: 6379, tls: { enabled: true }, auth: { username: null, existingSecret: 'langfuse-redis', existingSecretPasswordKey: 'password' } });
    expect(v.s3).toEqual({ deploy: false, bucket: '${aws_s3_bucket.langfuse-data_bucket_BFEAA5D6.bucket}', region: 'us-east-1', forcePathStyle: false, eventUpload: { prefix: 'events/' }, mediaUpload: { prefix: 'media/' }, batchExport: { prefix: 'exports/' } });
    expect(v.clickhouse).toMatchObject({ deploy: false, host: 'clickhouse.langfuse.svc.cluster.local', auth: { username: 'langfuse', existingSecret: 'langfuse-clickhouse' }, cluster: { enabled: false } });
    expect(v.langfuse.salt).toEqual({ secretKeyRef: { name: 'langfuse-salt', key: 'value' } });
    expect(v.langfuse.encryptionKey).toEqual({ secretKeyRef: { name: 'langfuse-encryption-key', key: 'value' } });
    expect(v.langfuse.nextauth).toEqual({ url: 'http://langfuse-web.langfuse.svc.cluster.local:3000', secret: { secretKeyRef: { name: 'langfuse-nextauth-secret', key: 'value' } } });
    expect(v.langfuse.features).toEqual({ telemetryEnabled: false, signUpDisabled: true });
    // no S3 keys: the chart then renders no *_ACCESS_KEY_ID and the SDK uses Pod Identity
    expect(v.s3.accessKeyId).toBeUndefined();
    for (const literal of [v.langfuse.salt.value, v.langfuse.encryptionKey.value, v.langfuse.nextauth.secret.value, v.postgresql.auth.password, v.redis.auth.password, v.clickhouse.auth.password]) {
      expect(literal).toBeUndefined();
    }
  });

  test('headless initialization: organization, project, key pair and admin from Secrets', () => {
    const env = values(dev.workloadsJson()).langfuse.additionalEnv;
    expect(env).toEqual([
      { name: 'LANGFUSE_INIT_ORG_ID', value: 'mlops' },
      { name: 'LANGFUSE_INIT_ORG_NAME', value: 'mlops' },
      { name: 'LANGFUSE_INIT_PROJECT_ID', value: 'llm' },
      { name: 'LANGFUSE_INIT_PROJECT_NAME', value: 'llm' },
      { name: 'LANGFUSE_INIT_PROJECT_PUBLIC_KEY', valueFrom: { secretKeyRef: { name: 'langfuse-init-keys', key: 'public-key' } } },
      { name: 'LANGFUSE_INIT_PROJECT_SECRET_KEY', valueFrom: { secretKeyRef: { name: 'langfuse-init-keys', key: 'secret-key' } } },
      { name: 'LANGFUSE_INIT_USER_EMAIL', value: 'admin@example.com' },
      { name: 'LANGFUSE_INIT_USER_NAME', value: 'admin' },
      { name: 'LANGFUSE_INIT_USER_PASSWORD', valueFrom: { secretKeyRef: { name: 'langfuse-init-admin', key: 'password' } } },
    ]);
    const keys = manifests(dev.workloadsJson()).find((m) => m.metadata.name === 'langfuse-init-keys');
    expect(keys.spec.target.template.data).toEqual({ 'public-key': '{{ .publicKey }}', 'secret-key': 'sk-lf-{{ .secretKey }}' });
  });

  test('the release waits for its Secrets, the database bootstrap and ClickHouse', () => {
    const json = dev.workloadsJson();
    const release = resourceList(json, 'helm_release')[0];
    expect(release.depends_on).toEqual(expect.arrayContaining(['kubernetes_job_v1.langfuse_job_D3F42062', 'kubernetes_deployment_v1.langfuse_clickhouse_server_deployment_40FA524D']));
    expect(release.depends_on.filter((d: string) => d.startsWith('kubernetes_manifest.'))).toHaveLength(8);
  });

  test('the database bootstrap runs in db-admin with the master secret synced there only', () => {
    const json = dev.workloadsJson();
    const job = resourceList(json, 'kubernetes_job_v1')[0];
    expect(job.metadata).toMatchObject({ name: 'langfuse-db-setup', namespace: 'db-admin' });
    const master = '${aws_db_instance.langfuse-data_database_instance_80009F60.master_user_secret[0].secret_arn}';
    const masters = manifests(json).filter((m) => JSON.stringify(m.spec).includes(master));
    expect(masters.map((m) => `${m.metadata.namespace}/${m.metadata.name}`)).toEqual(['db-admin/langfuse-db-master']);
    expect(masters[0].spec.refreshInterval).toBe('15m');
  });

  test('ClickHouse: pinned image, non-root 101, both ports, config mounted read-only, password from the Secret', () => {
    const json = dev.workloadsJson();
    const dep = resourceAt(json, 'kubernetes_deployment_v1', 'clickhouse/server/deployment');
    const pod = dep.spec.template.spec;
    const c = pod.container[0];
    expect(c.image).toBe('clickhouse/clickhouse-server:26.4');
    expect(pod.security_context).toMatchObject({ run_as_user: '101', run_as_group: '101', run_as_non_root: true });
    expect(pod.service_account_name).toBe('clickhouse');
    expect(c.port.map((p: any) => `${p.name}:${p.container_port}`)).toEqual(['http:8123', 'native:9000']);
    expect(c.volume_mount.filter((m: any) => m.read_only)).toEqual([
      { name: 'config-0', mount_path: '/etc/clickhouse-server/config.d/langfuse.xml', read_only: true, sub_path: 'config.xml' },
      { name: 'config-1', mount_path: '/etc/clickhouse-server/users.d/langfuse.xml', read_only: true, sub_path: 'users.xml' },
    ]);
    expect(c.env[0]).toEqual({ name: 'CLICKHOUSE_LANGFUSE_PASSWORD', value_from: { secret_key_ref: { name: 'langfuse-clickhouse', key: 'password' } } });
    const config = resourceAt(json, 'kubernetes_config_map_v1', 'clickhouse/config').data;
    expect(config['users.xml']).toContain('<password from_env="CLICKHOUSE_LANGFUSE_PASSWORD"/>');
    expect(config['users.xml']).toContain('<default><networks replace="replace"><ip>::1</ip><ip>127.0.0.1</ip></networks></default>');
    expect(config['config.xml']).toContain('<backups><endpoint>https://${aws_s3_bucket.langfuse-data_backups_bucket_07248B31.bucket}.s3.us-east-1.amazonaws.com/clickhouse/</endpoint><use_environment_credentials>true</use_environment_credentials></backups>');
  });

  test('the backup CronJob asks the server for BACKUP … TO S3 nightly', () => {
    const cron = resourceList(dev.workloadsJson(), 'kubernetes_cron_job_v1')[0];
    expect(cron.spec.schedule).toBe('0 2 * * *');
    const c = cron.spec.job_template.spec.template.spec.container[0];
    expect(c.env.map((e: any) => e.name)).toEqual(['CLICKHOUSE_URL', 'CLICKHOUSE_USER', 'CLICKHOUSE_PASSWORD', 'BACKUP_URL']);
    expect(c.env[3].value).toBe('https://${aws_s3_bucket.langfuse-data_backups_bucket_07248B31.bucket}.s3.us-east-1.amazonaws.com/clickhouse');
    expect(c.command[2]).toContain("BACKUP DATABASE default TO S3('%s/%s/') ASYNC");
  });

  test('client keys: the SDK env vars, only for client namespaces', () => {
    const synced = dev.langfuse.syncClientKeys(dev.store, 'keys', { namespace: 'models' });
    expect(synced.keys).toEqual(['LANGFUSE_BASE_URL', 'LANGFUSE_HOST', 'LANGFUSE_PUBLIC_KEY', 'LANGFUSE_SECRET_KEY']);
    expect(() => dev.langfuse.syncClientKeys(dev.store, 'other', { namespace: 'rag' })).toThrow(
      'test-workloads/langfuse: syncClientKeys(namespace) = "rag" is not a client namespace of Langfuse (models); add it to LangfusePlatform\'s clientNamespaces so its NetworkPolicy admits the clients',
    );
  });

  test('the front door handle names the web Service', () => {
    expect(dev.langfuse.frontDoor).toEqual({ namespace: 'langfuse', serviceName: 'langfuse-web', port: 3000, healthPath: '/api/public/health' });
  });

  test('bad props are refused with the prop and the fix', () => {
    expect(() => langfuseFixture({ langfuse: { adminEmail: 'admin' } })).toThrow('test-workloads/langfuse: adminEmail = "admin" is not an e-mail address; Langfuse refuses it at start');
    expect(() => langfuseFixture({ langfuse: { url: 'langfuse.example.com' } })).toThrow('test-workloads/langfuse: url = "langfuse.example.com" is not an http(s) URL');
    expect(() => langfuseFixture({ data: { projectId: 'LLM Project' } })).toThrow('test-cloud/langfuse-data: projectId = "LLM Project" is not a Langfuse id the library accepts');
  });
});
