/**
 * The programs in examples/: each is synthesized through cdktf's real `App.synth()` (aspects, the
 * policy pack the example applies, validations, files) into a temporary directory, then checked:
 * its four stacks and their order, providers configured from the existing cluster by name, the
 * resources it exists to create with their key values, the deployability check, the policy pack
 * (again, through `cdktf-mlops check` on the written output), and that its README deploys exactly
 * its stacks.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, TerraformStack } from 'cdktf';
import { parse as parseYaml } from 'yaml';
import * as kserveExample from '../../examples/kserve-existing-cluster/main';
import * as migVllmExample from '../../examples/mig-vllm/main';
import * as milvusExample from '../../examples/milvus-existing-cluster/main';
import * as mlflowFeastExample from '../../examples/mlflow-feast-existing-cluster/main';
import { checkDeployability } from '../../src/core/layers/deployability-check';
import { StackSet } from '../../src/core/layers/stack-set';
import { AMI_ALIASES, CHARTS, IMAGES } from '../../src/core/versions';
import { hasPolicyPack } from '../../src/policy/aspect';
import { runCli } from '../../src/cli/run';
import { synth, TfJson } from '../helpers/synth';
import { exampleOutdir } from '../../examples/existing-cluster';
import { checkWiring } from '../helpers/wiring';

const EXAMPLES_DIR = path.join(__dirname, '..', '..', 'examples');
const CLUSTER = 'my-existing-cluster';
const REGION = 'us-east-1';
const ACCOUNT = '111122223333';

interface Synthesized {
  readonly dir: string;
  readonly prefix: string;
  /** Stacks the workloads stack depends on besides the platform stack (cross-stack references). */
  readonly workloadsAlsoNeeds: string[];
  /** Stacks the platform stack depends on besides the cloud stack (cross-stack references). */
  readonly platformAlsoNeeds: string[];
  readonly outdir: string;
  readonly set: StackSet;
  readonly stacks: TerraformStack[];
  readonly manifest: { stacks: Record<string, { dependencies: string[]; annotations: Array<{ level: string; message: string }> }> };
  /** cdk.tf.json of each stack, by layer. */
  readonly json: { data: TfJson; cloud: TfJson; platform: TfJson; workloads: TfJson };
}

function synthExample(dir: string, prefix: string, build: (app: App) => StackSet, workloadsAlsoNeeds: string[] = [], platformAlsoNeeds: string[] = []): Synthesized {
  const outdir = fs.mkdtempSync(path.join(process.env.CDKTF_MLOPS_TEST_TMP ?? os.tmpdir(), `example-${dir}-`));
  const app = new App({ outdir, skipBackendValidation: true });
  const set = build(app);
  app.synth();
  const read = (layer: string): TfJson => JSON.parse(fs.readFileSync(path.join(outdir, 'stacks', `${prefix}-${layer}`, 'cdk.tf.json'), 'utf8'));
  return {
    dir,
    prefix,
    workloadsAlsoNeeds,
    platformAlsoNeeds,
    outdir,
    set,
    stacks: app.node.children.filter((c): c is TerraformStack => c instanceof TerraformStack),
    manifest: JSON.parse(fs.readFileSync(path.join(outdir, 'manifest.json'), 'utf8')),
    json: { data: read('data'), cloud: read('cloud'), platform: read('platform'), workloads: read('workloads') },
  };
}

/** The values of all resources (or data sources) of `type` with the `//` metadata dropped. */
function all(block: Record<string, Record<string, any>> | undefined, type: string): Array<{ id: string; value: any }> {
  return Object.entries(block?.[type] ?? {}).map(([id, value]) => {
    const { ['//']: _meta, ...rest } = value;
    return { id, value: rest };
  });
}

function only(block: Record<string, Record<string, any>> | undefined, type: string): { id: string; value: any } {
  const found = all(block, type);
  if (found.length !== 1) throw new Error(`expected exactly one ${type}, found ${found.length}`);
  return found[0];
}

/** The resource of `type` whose construct path ends with `suffix`. */
function at(json: TfJson, type: string, suffix: string): any {
  const found = Object.values(json.resource?.[type] ?? {}).filter((r: any) => String(r['//']?.metadata?.path ?? '').endsWith(suffix));
  if (found.length !== 1) throw new Error(`expected one ${type} at …${suffix}, found ${found.length}`);
  return found[0];
}

/**
 * What a compute stack reads for `attr` of the resource of `type` at `…suffix` in the data stack `dataJson`
 * of set `prefix`: a remote-state read of that stack's output named after the resource.
 */
function fromDataStack(prefix: string, dataJson: TfJson, type: string, suffix: string): string {
  const [id] = Object.entries(dataJson.resource?.[type] ?? {}).find(([, r]: [string, any]) => String(r['//']?.metadata?.path ?? '').endsWith(suffix)) ?? [];
  if (id === undefined) throw new Error(`no ${type} at …${suffix} in the data stack`);
  return expect.stringMatching(new RegExp(`^\\$\\{data\\.terraform_remote_state\\.cross-stack-reference-input-${prefix}-data\\.outputs\\.cross-stack-output-${type}${id}[a-z_0-9]*\\}$`));
}

function manifests(json: TfJson, kind: string): any[] {
  return Object.values(json.resource?.kubernetes_manifest ?? {})
    .map((r: any) => r.manifest)
    .filter((m: any) => m.kind === kind);
}

function release(json: TfJson, name: string): any {
  const found = Object.values(json.resource?.helm_release ?? {}).filter((r: any) => r.name === name);
  if (found.length !== 1) throw new Error(`expected one helm_release named ${name}, found ${found.length}`);
  return found[0];
}

const examples: Synthesized[] = [
  synthExample('kserve-existing-cluster', 'kserve-example-dev', kserveExample.build),
  synthExample('mig-vllm', 'mig-vllm-dev', migVllmExample.build),
  // Its workloads read the RDS-managed secret's ARN, its platform the VPC CIDR (NetworkPolicies), from the data stack's outputs.
  synthExample('mlflow-feast-existing-cluster', 'mlflow-feast-dev', mlflowFeastExample.build, ['mlflow-feast-dev-data'], ['mlflow-feast-dev-data']),
  // Its workloads read the two bucket names from the data stack's outputs.
  synthExample('milvus-existing-cluster', 'milvus-example-dev', milvusExample.build, ['milvus-example-dev-data']),
];
const [kserve, migVllm, mlflowFeast, milvus] = examples;

describe.each(examples)('examples/$dir', (ex) => {
  test('has the four layer stacks, deployed data → cloud → platform → workloads', () => {
    const names = [`${ex.prefix}-data`, `${ex.prefix}-cloud`, `${ex.prefix}-platform`, `${ex.prefix}-workloads`];
    expect(ex.set.stackNames).toEqual(names);
    expect(Object.keys(ex.manifest.stacks).sort()).toEqual([...names].sort());
    expect(Object.fromEntries(names.map((n) => [n, ex.manifest.stacks[n].dependencies]))).toEqual({
      [names[0]]: [],
      [names[1]]: [names[0]],
      [names[2]]: [names[1], ...ex.platformAlsoNeeds],
      [names[3]]: [names[2], ...ex.workloadsAlsoNeeds],
    });
  });

  test('creates no cluster: platform and workloads providers read the existing one by name', () => {
    for (const json of Object.values(ex.json)) expect(Object.keys(json.resource ?? {})).not.toContain('aws_eks_cluster');
    for (const json of [ex.json.platform, ex.json.workloads]) {
      const cluster = only(json.data, 'aws_eks_cluster');
      expect(cluster.value).toEqual({ name: CLUSTER });
      const ref = `data.aws_eks_cluster.${cluster.id}`;
      const exec = { api_version: 'client.authentication.k8s.io/v1beta1', command: 'aws', args: ['eks', 'get-token', '--cluster-name', CLUSTER, '--region', REGION, '--output', 'json'] };
      const connection = { host: `\${${ref}.endpoint}`, cluster_ca_certificate: `\${base64decode(${ref}.certificate_authority[0].data)}` };
      expect(json.provider?.kubernetes).toEqual([{ ...connection, exec: [exec] }]);
      expect(json.provider?.helm).toEqual([{ kubernetes: { ...connection, exec } }]);
    }
    for (const json of Object.values(ex.json)) {
      expect(json.provider?.aws?.map((p: any) => ({ region: p.region, allowed: p.allowed_account_ids }))).toEqual([{ region: REGION, allowed: [ACCOUNT] }]);
    }
  });

  test('every stack passes the deployability check', () => {
    expect(ex.stacks.map((s) => ({ stack: s.node.id, problems: checkDeployability(s) }))).toEqual(ex.set.stackNames.map((stack) => ({ stack, problems: [] })));
  });

  test('deploy-time wiring: namespaces, scraped ports, Pod Identity service accounts, Secrets and keys (test/helpers/wiring)', () => {
    const stacks = (['cloud', 'platform', 'workloads'] as const).map((layer) => ({ name: `${ex.prefix}-${layer}`, json: ex.json[layer] }));
    const { secretKeysUnchecked: _unknownKeys, ...problems } = checkWiring({ name: ex.prefix, stacks });
    expect(problems).toEqual({ namespaces: [], monitors: [], identities: [], secrets: [] });
  });

  test('applies the full policy pack, which finds no errors (at synth and in cdktf-mlops check)', async () => {
    expect(ex.stacks.map((s) => [s.node.id, hasPolicyPack(s)])).toEqual(ex.set.stackNames.map((n) => [n, true]));
    const errors = Object.values(ex.manifest.stacks).flatMap((s) => s.annotations.filter((a) => a.level === 'error'));
    expect(errors).toEqual([]);
    const lines: string[] = [];
    const code = await runCli(['check', ex.outdir], { out: (l) => lines.push(l), err: (l) => lines.push(l) });
    expect(lines.join('\n')).toContain('Errors (0):\n  none');
    expect(code).toBe(0);
  });

  test('README builds, runs and deploys exactly this stack set', () => {
    const readme = fs.readFileSync(path.join(EXAMPLES_DIR, ex.dir, 'README.md'), 'utf8');
    expect(readme).toContain(`node dist/examples/${ex.dir}/main.js`);
    expect(readme).toContain(`'${ex.prefix}-*'`);
    // run with node or through the cdktf CLI, it writes to its own folder, not the reference sets' cdktf.out
    const outdir = exampleOutdir(ex.prefix.replace(/-dev$/, ''), {});
    expect(outdir).toBe(`cdktf.out.${ex.prefix.replace(/-dev$/, '')}`);
    expect(readme).toContain(`into ${outdir}/`);
    expect(readme).toContain(`--output ${outdir} '${ex.prefix}-*'`);
    expect(fs.readFileSync(path.join(EXAMPLES_DIR, ex.dir, 'main.ts'), 'utf8')).toContain(`synthWhenRun(module, '${ex.prefix.replace(/-dev$/, '')}',`);
    for (const name of ex.set.stackNames) expect(readme).toContain(name);
  });
});

describe('kserve-existing-cluster', () => {
  test('cloud: a Pod Identity role for iris-sa that reads only the model prefix', () => {
    const { cloud } = kserve.json;
    expect(only(cloud.resource, 'aws_eks_pod_identity_association').value).toEqual({
      cluster_name: CLUSTER,
      namespace: 'models',
      service_account: 'iris-sa',
      role_arn: `\${aws_iam_role.${only(cloud.resource, 'aws_iam_role').id}.arn}`,
    });
    expect(JSON.parse(only(cloud.resource, 'aws_iam_role_policy').value.policy).Statement).toEqual([
      {
        Sid: 'ModelList0',
        Effect: 'Allow',
        Action: 's3:ListBucket',
        Resource: 'arn:aws:s3:::my-model-bucket',
        Condition: { StringLike: { 's3:prefix': ['models/iris/v1', 'models/iris/v1/*'] } },
      },
      { Sid: 'ModelObjects0', Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::my-model-bucket/models/iris/v1/*' },
    ]);
  });

  test('platform: cert-manager, then KServe CRDs, controller and runtimes, on the configured nodes; the models namespace', () => {
    const { platform } = kserve.json;
    const charts = all(platform.resource, 'helm_release').map(({ value }) => [value.chart, value.version]);
    expect(charts).toEqual([
      [CHARTS.certManager.chart, CHARTS.certManager.version],
      [CHARTS.kserveCrd.chart, CHARTS.kserveCrd.version],
      [CHARTS.kserveResources.chart, CHARTS.kserveResources.version],
      [CHARTS.kserveRuntimeConfigs.chart, CHARTS.kserveRuntimeConfigs.version],
    ]);
    const values = parseYaml(release(platform, 'kserve').values[0]);
    expect(values.kserve.controller.deploymentMode).toBe('Standard');
    expect(values.kserve.controller.nodeSelector).toEqual({ 'kubernetes.io/os': 'linux', 'mlops.cdktf.io/node-role': 'system' });
    expect(all(platform.resource, 'kubernetes_namespace_v1').map(({ value }) => value.metadata.name)).toEqual(['models']);
  });

  test('workloads: the sklearn InferenceService reads the model from S3 as iris-sa, HPA on CPU', () => {
    const [isvc] = manifests(kserve.json.workloads, 'InferenceService');
    expect(isvc.metadata).toMatchObject({ name: 'iris', namespace: 'models', annotations: { 'serving.kserve.io/deploymentMode': 'Standard', 'serving.kserve.io/autoscalerClass': 'hpa' } });
    const { model, ...predictor } = isvc.spec.predictor;
    expect(predictor).toEqual({ automountServiceAccountToken: false, serviceAccountName: 'iris-sa', minReplicas: 1, maxReplicas: 3, scaleMetric: 'cpu', scaleTarget: 70 });
    expect(model).toMatchObject({
      modelFormat: { name: 'sklearn' },
      runtime: 'kserve-sklearnserver',
      storageUri: 's3://my-model-bucket/models/iris/v1',
      resources: { requests: { cpu: '250m', memory: '512Mi' }, limits: { cpu: '1', memory: '1Gi' } },
    });
    expect(only(kserve.json.workloads.resource, 'kubernetes_service_account_v1').value.metadata).toMatchObject({ name: 'iris-sa', namespace: 'models' });
  });
});

describe('mig-vllm', () => {
  const { cloud, platform, workloads } = migVllm.json;

  test('cloud: Karpenter node role, controller role for kube-system/karpenter, interruption queue', () => {
    expect(all(cloud.resource, 'aws_iam_role').map(({ value }) => value.name).sort()).toEqual([`KarpenterNodeRole-${CLUSTER}`, `${CLUSTER}-kube-system-karpenter`]);
    expect(only(cloud.resource, 'aws_eks_access_entry').value).toMatchObject({ cluster_name: CLUSTER, type: 'EC2_LINUX' });
    expect(only(cloud.resource, 'aws_eks_pod_identity_association').value).toMatchObject({ cluster_name: CLUSTER, namespace: 'kube-system', service_account: 'karpenter' });
    expect(only(cloud.resource, 'aws_sqs_queue').value.name).toBe(`${CLUSTER}-karpenter`);
  });

  test('platform: Karpenter with the NodeOverlay gate, the GPU operator with the MIG manager and its config, KServe', () => {
    expect(all(platform.resource, 'helm_release').map(({ value }) => value.chart).sort()).toEqual(
      ['karpenter-crd', 'karpenter', 'gpu-operator', 'cert-manager', 'kserve-crd', 'kserve-resources', 'kserve-runtime-configs'].sort(),
    );
    const karpenter = parseYaml(release(platform, 'karpenter').values[0]);
    expect(karpenter.settings).toEqual({ clusterName: CLUSTER, interruptionQueue: `${CLUSTER}-karpenter`, featureGates: { nodeOverlay: true } });
    expect(karpenter.nodeSelector).toEqual({ 'kubernetes.io/os': 'linux', 'mlops.cdktf.io/node-role': 'system' });

    const operator = parseYaml(release(platform, 'gpu-operator').values[0]);
    expect(operator.mig).toEqual({ strategy: 'mixed' });
    expect(operator.migManager.config).toEqual({ create: false, default: 'all-disabled', name: 'mlops-mig-parted-config' });
    expect(operator.operator.nodeSelector).toEqual({ 'kubernetes.io/os': 'linux', 'mlops.cdktf.io/node-role': 'system' });

    const configMap = only(platform.resource, 'kubernetes_config_map_v1').value;
    expect(configMap.metadata).toMatchObject({ name: 'mlops-mig-parted-config', namespace: 'gpu-operator' });
    expect(parseYaml(configMap.data['config.yaml'])['mig-configs']['h100-3g40gb-x2']).toEqual([{ devices: 'all', 'mig-enabled': true, 'mig-devices': { '3g.40gb': 2 } }]);
  });

  test('workloads: the MIG NodePool of p5.4xlarge, its EC2NodeClass (discovery tag) and NodeOverlay', () => {
    const [pool] = manifests(workloads, 'NodePool');
    expect(pool.metadata.name).toBe('gpu-mig');
    expect(pool.spec.limits).toEqual({ 'nvidia.com/gpu': '2' });
    expect(pool.spec.template.metadata.labels).toEqual({ 'mlops.cdktf.io/gpu-pool': 'gpu-mig', 'mlops.cdktf.io/node-role': 'gpu', 'nvidia.com/mig.config': 'h100-3g40gb-x2' });
    expect(pool.spec.template.spec.requirements).toContainEqual({ key: 'node.kubernetes.io/instance-type', operator: 'In', values: ['p5.4xlarge'] });
    expect(pool.spec.template.spec.taints).toEqual([{ key: 'nvidia.com/gpu', value: 'true', effect: 'NoSchedule' }]);

    const [nodeClass] = manifests(workloads, 'EC2NodeClass');
    const discovery = [{ tags: { 'karpenter.sh/discovery': CLUSTER } }];
    expect(nodeClass.spec).toMatchObject({ role: `KarpenterNodeRole-${CLUSTER}`, amiSelectorTerms: [{ alias: AMI_ALIASES.al2023 }], subnetSelectorTerms: discovery, securityGroupSelectorTerms: discovery });

    expect(manifests(workloads, 'NodeOverlay')).toEqual([
      {
        apiVersion: 'karpenter.sh/v1alpha1',
        kind: 'NodeOverlay',
        metadata: { name: 'gpu-mig-mig-p5-4xlarge' },
        spec: {
          capacity: { 'nvidia.com/mig-3g.40gb': '2' },
          requirements: [
            { key: 'karpenter.sh/nodepool', operator: 'In', values: ['gpu-mig'] },
            { key: 'node.kubernetes.io/instance-type', operator: 'In', values: ['p5.4xlarge'] },
          ],
          weight: 1000,
        },
      },
    ]);
  });

  test('workloads: the vLLM InferenceService asks for one 3g.40gb slice of the pool', () => {
    const [isvc] = manifests(workloads, 'InferenceService');
    expect(isvc.metadata).toMatchObject({ name: 'qwen', namespace: 'llm' });
    const predictor = isvc.spec.predictor;
    expect(predictor.nodeSelector).toEqual({ 'mlops.cdktf.io/gpu-pool': 'gpu-mig' });
    expect(predictor.tolerations).toEqual([{ key: 'nvidia.com/gpu', operator: 'Equal', value: 'true', effect: 'NoSchedule' }]);
    expect(predictor.model).toMatchObject({
      modelFormat: { name: 'huggingface' },
      runtime: 'kserve-huggingfaceserver',
      storageUri: 'hf://Qwen/Qwen2.5-7B-Instruct',
      image: `${IMAGES.kserveHuggingfaceGpu.repository}:${IMAGES.kserveHuggingfaceGpu.tag}`,
      args: ['--backend=vllm', '--dtype=bfloat16', '--tensor-parallel-size=1', '--max_model_len=8192', '--gpu-memory-utilization=0.9'],
      resources: { requests: { cpu: '4', memory: '24Gi', 'nvidia.com/mig-3g.40gb': '1' }, limits: { cpu: '6', memory: '32Gi', 'nvidia.com/mig-3g.40gb': '1' } },
    });
  });

  test('a different system node label replaces the library default everywhere, the GPU operator included', () => {
    const app = new App({ outdir: fs.mkdtempSync(path.join(process.env.CDKTF_MLOPS_TEST_TMP ?? os.tmpdir(), 'example-mig-selector-')) });
    const selector = { 'eks.amazonaws.com/nodegroup': 'system' };
    const set = migVllmExample.build(app, { ...migVllmExample.CONFIG, systemNodeSelector: selector });
    const json = synth(set.platform);
    const values = (name: string) => parseYaml(release(json, name).values[0]);
    expect(values('gpu-operator').operator.nodeSelector).toEqual({ 'kubernetes.io/os': 'linux', ...selector });
    expect(values('karpenter').nodeSelector).toEqual({ 'kubernetes.io/os': 'linux', ...selector });
    expect(values('kserve').kserve.controller.nodeSelector).toEqual({ 'kubernetes.io/os': 'linux', ...selector });
  });
});

describe('mlflow-feast-existing-cluster', () => {
  const { data, cloud, platform, workloads } = mlflowFeast.json;

  test('data: database and cache in the existing cluster\'s subnets, read by the data stack itself', () => {
    const cluster = only(data.data, 'aws_eks_cluster');
    expect(cluster.value).toEqual({ name: CLUSTER });
    const subnets = only(data.data, 'aws_subnets');
    expect(subnets.value.filter).toEqual([
      { name: 'vpc-id', values: [`\${data.aws_eks_cluster.${cluster.id}.vpc_config[0].vpc_id}`] },
      { name: 'tag:kubernetes.io/role/internal-elb', values: ['1'] },
    ]);
    expect(only(data.resource, 'aws_db_subnet_group').value.subnet_ids).toBe(`\${data.aws_subnets.${subnets.id}.ids}`);
    expect(only(data.resource, 'aws_elasticache_subnet_group').value.subnet_ids).toBe(`\${data.aws_subnets.${subnets.id}.ids}`);
    expect(Object.keys(data.resource ?? {})).not.toContain('aws_vpc_security_group_ingress_rule');
    expect(mlflowFeast.manifest.stacks['mlflow-feast-dev-data'].dependencies).toEqual([]);
  });

  test('cloud: the rules admitting the node security group to database and cache, and the roles', () => {
    const nodeSg = `\${data.aws_eks_cluster.${only(cloud.data, 'aws_eks_cluster').id}.vpc_config[0].cluster_security_group_id}`;
    const rules = all(cloud.resource, 'aws_vpc_security_group_ingress_rule').map(({ value }) => [value.from_port, value.referenced_security_group_id, value.security_group_id]);
    expect(rules.sort((a, b) => a[0] - b[0])).toEqual([
      [5432, nodeSg, fromDataStack('mlflow-feast-dev', data, 'aws_security_group', 'mlflow/database/security-group')],
      [6379, nodeSg, fromDataStack('mlflow-feast-dev', data, 'aws_security_group', 'featurestore/online-store/security-group')],
    ]);
    expect(all(cloud.resource, 'aws_eks_pod_identity_association').map(({ value }) => `${value.cluster_name}/${value.namespace}/${value.service_account}`).sort()).toEqual([
      `${CLUSTER}/external-secrets/external-secrets`,
      `${CLUSTER}/feast/feast`,
      `${CLUSTER}/mlflow/mlflow`,
    ]);
    expect(Object.keys(cloud.resource ?? {}).filter((t) => /^aws_(db_|elasticache_|s3_|kms_|secretsmanager_)/.test(t))).toEqual([]);
  });

  test('data: secrets are generated write-only and granted to the External Secrets Operator in the cloud stack', () => {
    const versions = all(data.resource, 'aws_secretsmanager_secret_version');
    expect(versions.map(({ value }) => [value.secret_string, value.secret_string_wo_version])).toEqual([
      [undefined, 1],
      [undefined, 1],
      [undefined, 1],
    ]);
    const ref = (type: string, suffix: string) => fromDataStack('mlflow-feast-dev', data, type, suffix);
    const [read] = JSON.parse(at(cloud, 'aws_iam_role_policy', 'external-secrets-access/read-secrets').policy).Statement;
    // Exactly the RDS-managed master password, the MLflow admin and client user secrets and the Feast Redis AUTH token.
    expect(read).toEqual({
      Sid: 'ReadGrantedSecrets',
      Effect: 'Allow',
      Action: ['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret'],
      Resource: [
        ref('aws_db_instance', 'mlflow/database/instance'),
        ref('aws_secretsmanager_secret', 'mlflow/admin-secret/secret'),
        ref('aws_secretsmanager_secret', 'mlflow/client-secret/secret'),
        ref('aws_secretsmanager_secret', 'featurestore/redis-auth-token/secret'),
      ],
    });
  });

  test('platform: the External Secrets Operator release and the mlflow and feast namespaces', () => {
    expect(all(platform.resource, 'helm_release').map(({ value }) => [value.chart, value.version, value.namespace])).toEqual([[CHARTS.externalSecrets.chart, CHARTS.externalSecrets.version, 'external-secrets']]);
    expect(parseYaml(release(platform, 'external-secrets').values[0]).nodeSelector).toEqual({ 'kubernetes.io/os': 'linux', 'mlops.cdktf.io/node-role': 'system' });
    expect(all(platform.resource, 'kubernetes_namespace_v1').map(({ value }) => value.metadata.name).sort()).toEqual(['feast', 'mlflow']);
  });

  test('workloads: the ClusterSecretStore, the synced Secrets, then the MLflow and Feast releases', () => {
    const [store] = manifests(workloads, 'ClusterSecretStore');
    expect(store.spec).toEqual({ conditions: [{ namespaces: ['feast', 'mlflow'] }], provider: { aws: { region: REGION, service: 'SecretsManager' } } });
    const synced = manifests(workloads, 'ExternalSecret').map((m) => `${m.metadata.namespace}/${m.metadata.name}`).sort();
    expect(synced).toEqual(['feast/feast-redis-auth', 'mlflow/mlflow-admin', 'mlflow/mlflow-client', 'mlflow/mlflow-db']);

    const externalSecret = (name: string) => `kubernetes_manifest.${Object.entries(workloads.resource!.kubernetes_manifest).find(([, r]: [string, any]) => r.manifest.metadata.name === name)![0]}`;
    const mlflow = release(workloads, 'mlflow');
    expect([mlflow.chart, mlflow.version, mlflow.namespace]).toEqual([CHARTS.mlflow.chart, CHARTS.mlflow.version, 'mlflow']);
    expect([...mlflow.depends_on].sort()).toEqual([externalSecret('mlflow-admin'), externalSecret('mlflow-db')].sort());
    expect(parseYaml(mlflow.values[0]).nodeSelector).toEqual({ 'kubernetes.io/os': 'linux', 'mlops.cdktf.io/node-role': 'system' });

    const feast = release(workloads, 'feast-online');
    expect([feast.chart, feast.version, feast.namespace]).toEqual([CHARTS.feastFeatureServer.chart, CHARTS.feastFeatureServer.version, 'feast']);
    expect(feast.depends_on).toEqual([externalSecret('feast-redis-auth')]);
    expect(only(workloads.resource, 'kubernetes_cron_job_v1').value.spec).toMatchObject({ schedule: '*/30 * * * *', concurrency_policy: 'Forbid' });
  });
});

describe('milvus-existing-cluster', () => {
  const { data, cloud, platform, workloads } = milvus.json;

  test('data: two protected buckets, the key and the generated root password; cloud: the roles of Milvus and of its backup job', () => {
    expect(all(data.resource, 'aws_s3_bucket').map(({ value }) => [value.bucket_prefix, value.lifecycle])).toEqual([
      ['milvus-vectordb-', { prevent_destroy: true }],
      ['milvus-backup-vectordb-', { prevent_destroy: true }],
    ]);
    expect(all(cloud.resource, 'aws_eks_pod_identity_association').map(({ value }) => `${value.cluster_name}/${value.namespace}/${value.service_account}`).sort()).toEqual([
      `${CLUSTER}/external-secrets/external-secrets`,
      `${CLUSTER}/vectordb/milvus`,
      `${CLUSTER}/vectordb/milvus-backup`,
    ]);
    const backup = JSON.parse(at(cloud, 'aws_iam_role_policy', 'milvus/backup-role/policy').policy).Statement;
    expect(backup.flatMap((s: any) => [s.Action].flat()).filter((a: string) => a.includes('Delete'))).toEqual([]);
    expect(only(data.resource, 'aws_secretsmanager_secret_version').value).toMatchObject({ secret_string_wo_version: 1 });
    // one customer managed key encrypts both buckets and the secret; both roles may use it through S3 only
    const key = `\${aws_kms_key.${only(data.resource, 'aws_kms_key').id}.arn}`;
    const sse = all(data.resource, 'aws_s3_bucket_server_side_encryption_configuration').map(({ value }) => value.rule[0].apply_server_side_encryption_by_default.kms_master_key_id);
    expect(sse).toEqual([key, key]);
    expect(only(data.resource, 'aws_secretsmanager_secret').value.kms_key_id).toBe(key);
    expect(backup.at(-1)).toMatchObject({ Sid: 'BucketKey', Resource: fromDataStack('milvus-example-dev', data, 'aws_kms_key', 'milvus-key/kms-key'), Condition: { StringEquals: { 'kms:ViaService': `s3.${REGION}.amazonaws.com` } } });
  });

  test('platform: the operator, the vectordb namespace admitting rag on 19530, the backup service account', () => {
    expect(all(platform.resource, 'helm_release').map(({ value }) => value.chart)).toEqual([CHARTS.externalSecrets.chart]);
    const clients = at(platform, 'kubernetes_network_policy_v1', 'milvus/clients');
    expect(clients.spec.ingress).toEqual([
      { from: [{ namespace_selector: { match_expressions: [{ key: 'kubernetes.io/metadata.name', operator: 'In', values: ['rag'] }] } }], ports: [{ port: '19530', protocol: 'TCP' }] },
    ]);
    expect(only(platform.resource, 'kubernetes_service_account_v1').value.metadata.name).toBe('milvus-backup');
  });

  test('workloads: Milvus on the configured storage class, the backup CronJob reading the bucket names from the data stack', () => {
    const values = parseYaml(release(workloads, 'milvus').values[0]);
    expect(values.standalone.persistence.persistentVolumeClaim.storageClass).toBe('gp3-encrypted');
    expect(values.etcd.persistence.storageClass).toBe('gp3-encrypted');
    const job = only(workloads.resource, 'kubernetes_cron_job_v1').value;
    expect([job.metadata.name, job.spec.schedule]).toEqual(['milvus-backup', '0 2 * * *']);
    expect(job.spec.job_template.spec.template.spec.container[0].image).toBe(`${IMAGES.milvusBackup.repository}:${IMAGES.milvusBackup.tag}`);
    const config = parseYaml(only(workloads.resource, 'kubernetes_config_map_v1').value.data['backup.yaml']);
    // cross-stack references become remote-state reads of the data stack's outputs
    expect([config.minio.bucketName, config.minio.backupBucketName]).toEqual([
      fromDataStack('milvus-example-dev', data, 'aws_s3_bucket', 'milvus/backup-bucket/bucket'),
      fromDataStack('milvus-example-dev', data, 'aws_s3_bucket', 'milvus/milvus-backup-bucket/bucket'),
    ]);
    expect(config.minio.bucketName).not.toBe(config.minio.backupBucketName);
    const [store] = manifests(workloads, 'ClusterSecretStore');
    expect(store.spec.conditions).toEqual([{ namespaces: ['vectordb'] }]);
  });
});
