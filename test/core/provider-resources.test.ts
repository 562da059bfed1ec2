/**
 * The library's provider resources (src/core/resources) against the provider bindings they stand in
 * for: same Terraform JSON and HCL for every one of them in a full reference stack set, and the
 * argument mapping (snake_case names, map arguments) pinned against the bindings' generated code.
 */
import * as fs from 'fs';
import * as path from 'path';
import { App, TerraformResource, TerraformStack, Testing } from 'cdktf';
// cdktf's own resolve (as TerraformStack.toTerraform calls it) and HCL renderer (what `hclOutput: true` synth writes).
import { resolve } from 'cdktf/lib/_tokens';
import { renderResource } from 'cdktf/lib/hcl/render';
import { CloudwatchEventTarget } from '@cdktf/provider-aws/lib/cloudwatch-event-target';
import { EksPodIdentityAssociation } from '@cdktf/provider-aws/lib/eks-pod-identity-association';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { IamRolePolicyAttachment } from '@cdktf/provider-aws/lib/iam-role-policy-attachment';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { S3BucketLifecycleConfiguration } from '@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration';
import { S3BucketOwnershipControls } from '@cdktf/provider-aws/lib/s3-bucket-ownership-controls';
import { S3BucketPolicy } from '@cdktf/provider-aws/lib/s3-bucket-policy';
import { S3BucketPublicAccessBlock } from '@cdktf/provider-aws/lib/s3-bucket-public-access-block';
import { S3BucketServerSideEncryptionConfigurationA } from '@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration';
import { S3BucketVersioningA } from '@cdktf/provider-aws/lib/s3-bucket-versioning';
import { SecretsmanagerSecret } from '@cdktf/provider-aws/lib/secretsmanager-secret';
import { SecretsmanagerSecretVersion } from '@cdktf/provider-aws/lib/secretsmanager-secret-version';
import { Vpc } from '@cdktf/provider-aws/lib/vpc';
import { Subnet } from '@cdktf/provider-aws/lib/subnet';
import { InternetGateway } from '@cdktf/provider-aws/lib/internet-gateway';
import { Eip } from '@cdktf/provider-aws/lib/eip';
import { NatGateway } from '@cdktf/provider-aws/lib/nat-gateway';
import { RouteTableAssociation } from '@cdktf/provider-aws/lib/route-table-association';
import { VpcSecurityGroupIngressRule } from '@cdktf/provider-aws/lib/vpc-security-group-ingress-rule';
import { VpcEndpoint } from '@cdktf/provider-aws/lib/vpc-endpoint';
import { FlowLog } from '@cdktf/provider-aws/lib/flow-log';
import { EksNodeGroup } from '@cdktf/provider-aws/lib/eks-node-group';
import { LaunchTemplate } from '@cdktf/provider-aws/lib/launch-template';
import { EksAddon } from '@cdktf/provider-aws/lib/eks-addon';
import { EksAccessEntry } from '@cdktf/provider-aws/lib/eks-access-entry';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { KmsAlias } from '@cdktf/provider-aws/lib/kms-alias';
import { SqsQueue } from '@cdktf/provider-aws/lib/sqs-queue';
import { SqsQueuePolicy } from '@cdktf/provider-aws/lib/sqs-queue-policy';
import { CloudwatchEventRule } from '@cdktf/provider-aws/lib/cloudwatch-event-rule';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { CognitoUserPool } from '@cdktf/provider-aws/lib/cognito-user-pool';
import { CognitoUserPoolDomain } from '@cdktf/provider-aws/lib/cognito-user-pool-domain';
import { AcmCertificate } from '@cdktf/provider-aws/lib/acm-certificate';
import { AcmCertificateValidation } from '@cdktf/provider-aws/lib/acm-certificate-validation';
import { Route53Record } from '@cdktf/provider-aws/lib/route53-record';
import { ElasticacheReplicationGroup } from '@cdktf/provider-aws/lib/elasticache-replication-group';
import { ElasticacheSubnetGroup } from '@cdktf/provider-aws/lib/elasticache-subnet-group';
import { ElasticacheParameterGroup } from '@cdktf/provider-aws/lib/elasticache-parameter-group';
import { DbSubnetGroup } from '@cdktf/provider-aws/lib/db-subnet-group';
import { DbParameterGroup } from '@cdktf/provider-aws/lib/db-parameter-group';
import { NamespaceV1 } from '@cdktf/provider-kubernetes/lib/namespace-v1';
import { ServiceAccountV1 } from '@cdktf/provider-kubernetes/lib/service-account-v1';
import { ConfigMapV1 } from '@cdktf/provider-kubernetes/lib/config-map-v1';
import { SecretV1 } from '@cdktf/provider-kubernetes/lib/secret-v1';
import { ServiceV1 } from '@cdktf/provider-kubernetes/lib/service-v1';
import { PersistentVolumeClaimV1 } from '@cdktf/provider-kubernetes/lib/persistent-volume-claim-v1';
import { StorageClassV1 } from '@cdktf/provider-kubernetes/lib/storage-class-v1';
import { LimitRangeV1 } from '@cdktf/provider-kubernetes/lib/limit-range-v1';
import { RoleV1 } from '@cdktf/provider-kubernetes/lib/role-v1';
import { RoleBindingV1 } from '@cdktf/provider-kubernetes/lib/role-binding-v1';
import { IngressClassV1 } from '@cdktf/provider-kubernetes/lib/ingress-class-v1';
import { IngressV1 } from '@cdktf/provider-kubernetes/lib/ingress-v1';
import { Release } from '@cdktf/provider-helm/lib/release';
import { CronJobV1 } from '@cdktf/provider-kubernetes/lib/cron-job-v1';
import { DeploymentV1 } from '@cdktf/provider-kubernetes/lib/deployment-v1';
import { JobV1 } from '@cdktf/provider-kubernetes/lib/job-v1';
import { Manifest } from '@cdktf/provider-kubernetes/lib/manifest';
import { NetworkPolicyV1 } from '@cdktf/provider-kubernetes/lib/network-policy-v1';
import {
  AwsCloudwatchEventTarget,
  AwsEksPodIdentityAssociation,
  AwsIamRole,
  AwsIamRolePolicy,
  AwsIamRolePolicyAttachment,
  AwsS3Bucket,
  AwsS3BucketLifecycleConfiguration,
  AwsS3BucketOwnershipControls,
  AwsS3BucketPolicy,
  AwsS3BucketPublicAccessBlock,
  AwsS3BucketServerSideEncryptionConfiguration,
  AwsS3BucketVersioning,
  AwsSecretsmanagerSecret,
  AwsSecretsmanagerSecretVersion,
  AwsVpc,
  AwsSubnet,
  AwsInternetGateway,
  AwsEip,
  AwsNatGateway,
  AwsRouteTableAssociation,
  AwsVpcSecurityGroupIngressRule,
  AwsVpcEndpoint,
  AwsFlowLog,
  AwsEksNodeGroup,
  AwsLaunchTemplate,
  AwsEksAddon,
  AwsEksAccessEntry,
  AwsKmsKey,
  AwsKmsAlias,
  AwsSqsQueue,
  AwsSqsQueuePolicy,
  AwsCloudwatchEventRule,
  AwsCloudwatchLogGroup,
  AwsCognitoUserPool,
  AwsCognitoUserPoolDomain,
  AwsAcmCertificate,
  AwsAcmCertificateValidation,
  AwsRoute53Record,
  AwsElasticacheReplicationGroup,
  AwsElasticacheSubnetGroup,
  AwsElasticacheParameterGroup,
  AwsDbSubnetGroup,
  AwsDbParameterGroup,
  KubernetesNamespaceV1,
  KubernetesServiceAccountV1,
  KubernetesConfigMapV1,
  KubernetesSecretV1,
  KubernetesServiceV1,
  KubernetesPersistentVolumeClaimV1,
  KubernetesStorageClassV1,
  KubernetesLimitRangeV1,
  KubernetesRoleV1,
  KubernetesRoleBindingV1,
  KubernetesIngressClassV1,
  KubernetesIngressV1,
  HelmRelease,
  KubernetesCronJobV1,
  KubernetesDeploymentV1,
  KubernetesJobV1,
  KubernetesManifest,
  KubernetesNetworkPolicyV1,
  KubernetesObjectResource,
  POD_SPEC_MAP_ARGUMENTS,
  ProviderResource,
  snakeCase,
  terraformArguments,
} from '../../src/core/resources';
import { buildReferenceStacks } from '../../stacks/app';

type Binding = new (scope: any, id: string, config: any) => TerraformResource;

/** Each library class, its binding, the binding's module (read as text below) and the map arguments it declares. */
const PAIRS: ReadonlyArray<{ type: string; ours: abstract new (...args: any[]) => ProviderResource<any>; binding: Binding; module: string; maps: readonly string[] }> = [
  { type: 'kubernetes_cron_job_v1', ours: KubernetesCronJobV1, binding: CronJobV1, module: '@cdktf/provider-kubernetes/lib/cron-job-v1', maps: [...POD_SPEC_MAP_ARGUMENTS] },
  { type: 'kubernetes_deployment_v1', ours: KubernetesDeploymentV1, binding: DeploymentV1, module: '@cdktf/provider-kubernetes/lib/deployment-v1', maps: [...POD_SPEC_MAP_ARGUMENTS] },
  { type: 'kubernetes_job_v1', ours: KubernetesJobV1, binding: JobV1, module: '@cdktf/provider-kubernetes/lib/job-v1', maps: [...POD_SPEC_MAP_ARGUMENTS] },
  { type: 'kubernetes_manifest', ours: KubernetesManifest, binding: Manifest, module: '@cdktf/provider-kubernetes/lib/manifest', maps: ['fields', 'manifest', 'object'] },
  { type: 'kubernetes_network_policy_v1', ours: KubernetesNetworkPolicyV1, binding: NetworkPolicyV1, module: '@cdktf/provider-kubernetes/lib/network-policy-v1', maps: ['annotations', 'labels', 'match_labels'] },
  { type: 'helm_release', ours: HelmRelease, binding: Release, module: '@cdktf/provider-helm/lib/release', maps: [] },
  { type: 'aws_cloudwatch_event_target', ours: AwsCloudwatchEventTarget, binding: CloudwatchEventTarget, module: '@cdktf/provider-aws/lib/cloudwatch-event-target', maps: ['header_parameters', 'input_paths', 'query_string_parameters', 'tags'] },
  { type: 'aws_s3_bucket', ours: AwsS3Bucket, binding: S3Bucket, module: '@cdktf/provider-aws/lib/s3-bucket', maps: ['tags', 'tags_all'] },
  { type: 'aws_s3_bucket_public_access_block', ours: AwsS3BucketPublicAccessBlock, binding: S3BucketPublicAccessBlock, module: '@cdktf/provider-aws/lib/s3-bucket-public-access-block', maps: [] },
  { type: 'aws_s3_bucket_ownership_controls', ours: AwsS3BucketOwnershipControls, binding: S3BucketOwnershipControls, module: '@cdktf/provider-aws/lib/s3-bucket-ownership-controls', maps: [] },
  { type: 'aws_s3_bucket_server_side_encryption_configuration', ours: AwsS3BucketServerSideEncryptionConfiguration, binding: S3BucketServerSideEncryptionConfigurationA, module: '@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration', maps: [] },
  { type: 'aws_s3_bucket_versioning', ours: AwsS3BucketVersioning, binding: S3BucketVersioningA, module: '@cdktf/provider-aws/lib/s3-bucket-versioning', maps: [] },
  { type: 'aws_s3_bucket_policy', ours: AwsS3BucketPolicy, binding: S3BucketPolicy, module: '@cdktf/provider-aws/lib/s3-bucket-policy', maps: [] },
  { type: 'aws_s3_bucket_lifecycle_configuration', ours: AwsS3BucketLifecycleConfiguration, binding: S3BucketLifecycleConfiguration, module: '@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration', maps: ['tags'] },
  { type: 'aws_iam_role', ours: AwsIamRole, binding: IamRole, module: '@cdktf/provider-aws/lib/iam-role', maps: ['tags', 'tags_all'] },
  { type: 'aws_iam_role_policy', ours: AwsIamRolePolicy, binding: IamRolePolicy, module: '@cdktf/provider-aws/lib/iam-role-policy', maps: [] },
  { type: 'aws_iam_role_policy_attachment', ours: AwsIamRolePolicyAttachment, binding: IamRolePolicyAttachment, module: '@cdktf/provider-aws/lib/iam-role-policy-attachment', maps: [] },
  { type: 'aws_eks_pod_identity_association', ours: AwsEksPodIdentityAssociation, binding: EksPodIdentityAssociation, module: '@cdktf/provider-aws/lib/eks-pod-identity-association', maps: ['tags'] },
  { type: 'aws_secretsmanager_secret', ours: AwsSecretsmanagerSecret, binding: SecretsmanagerSecret, module: '@cdktf/provider-aws/lib/secretsmanager-secret', maps: ['tags', 'tags_all'] },
  { type: 'aws_secretsmanager_secret_version', ours: AwsSecretsmanagerSecretVersion, binding: SecretsmanagerSecretVersion, module: '@cdktf/provider-aws/lib/secretsmanager-secret-version', maps: [] },
  { type: 'aws_vpc', ours: AwsVpc, binding: Vpc, module: '@cdktf/provider-aws/lib/vpc', maps: ['tags', 'tags_all'] },
  { type: 'aws_subnet', ours: AwsSubnet, binding: Subnet, module: '@cdktf/provider-aws/lib/subnet', maps: ['tags', 'tags_all'] },
  { type: 'aws_internet_gateway', ours: AwsInternetGateway, binding: InternetGateway, module: '@cdktf/provider-aws/lib/internet-gateway', maps: ['tags', 'tags_all'] },
  { type: 'aws_eip', ours: AwsEip, binding: Eip, module: '@cdktf/provider-aws/lib/eip', maps: ['tags', 'tags_all'] },
  { type: 'aws_nat_gateway', ours: AwsNatGateway, binding: NatGateway, module: '@cdktf/provider-aws/lib/nat-gateway', maps: ['tags', 'tags_all'] },
  { type: 'aws_route_table_association', ours: AwsRouteTableAssociation, binding: RouteTableAssociation, module: '@cdktf/provider-aws/lib/route-table-association', maps: [] },
  { type: 'aws_vpc_security_group_ingress_rule', ours: AwsVpcSecurityGroupIngressRule, binding: VpcSecurityGroupIngressRule, module: '@cdktf/provider-aws/lib/vpc-security-group-ingress-rule', maps: ['tags'] },
  { type: 'aws_vpc_endpoint', ours: AwsVpcEndpoint, binding: VpcEndpoint, module: '@cdktf/provider-aws/lib/vpc-endpoint', maps: ['tags', 'tags_all'] },
  { type: 'aws_flow_log', ours: AwsFlowLog, binding: FlowLog, module: '@cdktf/provider-aws/lib/flow-log', maps: ['tags', 'tags_all'] },
  { type: 'aws_eks_node_group', ours: AwsEksNodeGroup, binding: EksNodeGroup, module: '@cdktf/provider-aws/lib/eks-node-group', maps: ['labels', 'tags', 'tags_all'] },
  { type: 'aws_launch_template', ours: AwsLaunchTemplate, binding: LaunchTemplate, module: '@cdktf/provider-aws/lib/launch-template', maps: ['tags', 'tags_all'] },
  { type: 'aws_eks_addon', ours: AwsEksAddon, binding: EksAddon, module: '@cdktf/provider-aws/lib/eks-addon', maps: ['tags', 'tags_all'] },
  { type: 'aws_eks_access_entry', ours: AwsEksAccessEntry, binding: EksAccessEntry, module: '@cdktf/provider-aws/lib/eks-access-entry', maps: ['tags', 'tags_all'] },
  { type: 'aws_kms_key', ours: AwsKmsKey, binding: KmsKey, module: '@cdktf/provider-aws/lib/kms-key', maps: ['tags', 'tags_all'] },
  { type: 'aws_kms_alias', ours: AwsKmsAlias, binding: KmsAlias, module: '@cdktf/provider-aws/lib/kms-alias', maps: [] },
  { type: 'aws_sqs_queue', ours: AwsSqsQueue, binding: SqsQueue, module: '@cdktf/provider-aws/lib/sqs-queue', maps: ['tags', 'tags_all'] },
  { type: 'aws_sqs_queue_policy', ours: AwsSqsQueuePolicy, binding: SqsQueuePolicy, module: '@cdktf/provider-aws/lib/sqs-queue-policy', maps: [] },
  { type: 'aws_cloudwatch_event_rule', ours: AwsCloudwatchEventRule, binding: CloudwatchEventRule, module: '@cdktf/provider-aws/lib/cloudwatch-event-rule', maps: ['tags', 'tags_all'] },
  { type: 'aws_cloudwatch_log_group', ours: AwsCloudwatchLogGroup, binding: CloudwatchLogGroup, module: '@cdktf/provider-aws/lib/cloudwatch-log-group', maps: ['tags', 'tags_all'] },
  { type: 'aws_cognito_user_pool', ours: AwsCognitoUserPool, binding: CognitoUserPool, module: '@cdktf/provider-aws/lib/cognito-user-pool', maps: ['tags', 'tags_all'] },
  { type: 'aws_cognito_user_pool_domain', ours: AwsCognitoUserPoolDomain, binding: CognitoUserPoolDomain, module: '@cdktf/provider-aws/lib/cognito-user-pool-domain', maps: [] },
  { type: 'aws_acm_certificate', ours: AwsAcmCertificate, binding: AcmCertificate, module: '@cdktf/provider-aws/lib/acm-certificate', maps: ['tags', 'tags_all'] },
  { type: 'aws_acm_certificate_validation', ours: AwsAcmCertificateValidation, binding: AcmCertificateValidation, module: '@cdktf/provider-aws/lib/acm-certificate-validation', maps: [] },
  { type: 'aws_route53_record', ours: AwsRoute53Record, binding: Route53Record, module: '@cdktf/provider-aws/lib/route53-record', maps: [] },
  { type: 'aws_elasticache_replication_group', ours: AwsElasticacheReplicationGroup, binding: ElasticacheReplicationGroup, module: '@cdktf/provider-aws/lib/elasticache-replication-group', maps: ['tags', 'tags_all'] },
  { type: 'aws_elasticache_subnet_group', ours: AwsElasticacheSubnetGroup, binding: ElasticacheSubnetGroup, module: '@cdktf/provider-aws/lib/elasticache-subnet-group', maps: ['tags', 'tags_all'] },
  { type: 'aws_elasticache_parameter_group', ours: AwsElasticacheParameterGroup, binding: ElasticacheParameterGroup, module: '@cdktf/provider-aws/lib/elasticache-parameter-group', maps: ['tags', 'tags_all'] },
  { type: 'aws_db_subnet_group', ours: AwsDbSubnetGroup, binding: DbSubnetGroup, module: '@cdktf/provider-aws/lib/db-subnet-group', maps: ['tags', 'tags_all'] },
  { type: 'aws_db_parameter_group', ours: AwsDbParameterGroup, binding: DbParameterGroup, module: '@cdktf/provider-aws/lib/db-parameter-group', maps: ['tags', 'tags_all'] },
  { type: 'kubernetes_namespace_v1', ours: KubernetesNamespaceV1, binding: NamespaceV1, module: '@cdktf/provider-kubernetes/lib/namespace-v1', maps: ['annotations', 'labels'] },
  { type: 'kubernetes_service_account_v1', ours: KubernetesServiceAccountV1, binding: ServiceAccountV1, module: '@cdktf/provider-kubernetes/lib/service-account-v1', maps: ['annotations', 'labels'] },
  { type: 'kubernetes_config_map_v1', ours: KubernetesConfigMapV1, binding: ConfigMapV1, module: '@cdktf/provider-kubernetes/lib/config-map-v1', maps: ['annotations', 'binary_data', 'data', 'labels'] },
  { type: 'kubernetes_secret_v1', ours: KubernetesSecretV1, binding: SecretV1, module: '@cdktf/provider-kubernetes/lib/secret-v1', maps: ['annotations', 'binary_data', 'binary_data_wo', 'data', 'data_wo', 'labels'] },
  { type: 'kubernetes_service_v1', ours: KubernetesServiceV1, binding: ServiceV1, module: '@cdktf/provider-kubernetes/lib/service-v1', maps: ['annotations', 'labels', 'selector'] },
  { type: 'kubernetes_persistent_volume_claim_v1', ours: KubernetesPersistentVolumeClaimV1, binding: PersistentVolumeClaimV1, module: '@cdktf/provider-kubernetes/lib/persistent-volume-claim-v1', maps: ['annotations', 'labels', 'limits', 'match_labels', 'requests'] },
  { type: 'kubernetes_storage_class_v1', ours: KubernetesStorageClassV1, binding: StorageClassV1, module: '@cdktf/provider-kubernetes/lib/storage-class-v1', maps: ['annotations', 'labels', 'parameters'] },
  { type: 'kubernetes_limit_range_v1', ours: KubernetesLimitRangeV1, binding: LimitRangeV1, module: '@cdktf/provider-kubernetes/lib/limit-range-v1', maps: ['annotations', 'default', 'default_request', 'labels', 'max', 'max_limit_request_ratio', 'min'] },
  { type: 'kubernetes_role_v1', ours: KubernetesRoleV1, binding: RoleV1, module: '@cdktf/provider-kubernetes/lib/role-v1', maps: ['annotations', 'labels'] },
  { type: 'kubernetes_role_binding_v1', ours: KubernetesRoleBindingV1, binding: RoleBindingV1, module: '@cdktf/provider-kubernetes/lib/role-binding-v1', maps: ['annotations', 'labels'] },
  { type: 'kubernetes_ingress_class_v1', ours: KubernetesIngressClassV1, binding: IngressClassV1, module: '@cdktf/provider-kubernetes/lib/ingress-class-v1', maps: ['annotations', 'labels'] },
  { type: 'kubernetes_ingress_v1', ours: KubernetesIngressV1, binding: IngressV1, module: '@cdktf/provider-kubernetes/lib/ingress-v1', maps: ['annotations', 'labels'] },
];
const BINDINGS: Record<string, Binding> = Object.fromEntries(PAIRS.map((p) => [p.type, p.binding]));

/** Every library provider resource of the mlops-platform sets (they have every component; prod adds SSO), each next to its binding twin. */
function twins(): Array<{ ours: ProviderResource<any>; binding: TerraformResource; stack: TerraformStack }> {
  const app = new App({ outdir: Testing.app().outdir, skipBackendValidation: true });
  buildReferenceStacks(app, ['mlops-platform-dev', 'mlops-platform-prod']);
  const ours = app.node.findAll().filter((c): c is ProviderResource<any> => c instanceof ProviderResource);
  return ours.map((r) => {
    const binding = new BINDINGS[r.terraformResourceType](r.node.scope!, `${r.node.id}-binding-twin`, (r as any).config);
    // meta-arguments set after construction (e.g. the reference set adds KEDA to the KServe controller's dependsOn)
    binding.dependsOn = r.dependsOn;
    binding.lifecycle = r.lifecycle;
    binding.count = r.count;
    binding.provider = r.provider;
    binding.forEach = r.forEach;
    return { ours: r, binding, stack: TerraformStack.of(r) };
  });
}

/** The resolved JSON body of `r`, without its `//` metadata (construct path, logical id). */
function body(stack: TerraformStack, r: TerraformResource): Record<string, unknown> {
  const json = resolve(stack, r.toTerraform()).resource[r.terraformResourceType];
  const { '//': _metadata, ...rest } = Object.values<Record<string, unknown>>(json)[0];
  return rest;
}

/** JSON with object keys sorted. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v) => (v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v));
}

/** The rendered HCL block of `r`, with its logical id replaced. */
function hcl(stack: TerraformStack, r: TerraformResource): string {
  return renderResource(resolve(stack, r.toHclTerraform()).resource).hcl.replace(/^resource "([^"]+)" "[^"]+"/, 'resource "$1" "x"');
}

let built: ReturnType<typeof twins> | undefined;
/** {@link twins}, built once for the file. */
const allTwins = () => (built ??= twins());

describe('library provider resources synthesize what the provider bindings do', () => {
  const all = allTwins();

  test('the reference set has every kind', () => {
    const count = (type: string) => all.filter((t) => t.ours.terraformResourceType === type).length;
    expect(PAIRS.map((p) => [p.type, count(p.type) > 0])).toEqual(PAIRS.map((p) => [p.type, true]));
    // each library class makes its own type
    for (const p of PAIRS) expect(all.filter((t) => t.ours.terraformResourceType === p.type).every((t) => t.ours instanceof p.ours)).toBe(true);
  });

  test('same Terraform JSON (meta-arguments included) for each of them', () => {
    // cdktf writes the JSON with sorted keys (json-stable-stringify): compare it that way.
    const differ = all.filter(({ ours, binding, stack }) => canonical(body(stack, ours)) !== canonical(body(stack, binding)));
    expect(differ.map((t) => t.ours.node.path)).toEqual([]);
    // and the comparison is not vacuous: a pod spec's snake_case names and verbatim label keys
    const job = all.find((t) => t.ours instanceof KubernetesCronJobV1)!;
    expect(Object.keys((body(job.stack, job.ours) as any).spec.job_template.spec.template.spec)).toContain('security_context');
  });

  test('same HCL (hclOutput) for each of them', () => {
    const differ = all.filter(({ ours, binding, stack }) => hcl(stack, ours) !== hcl(stack, binding));
    expect(differ.map((t) => t.ours.node.path)).toEqual([]);
  });

  test('the provider metadata cdktf validates the provider against is the binding’s', () => {
    for (const { ours, binding } of all) expect([ours.terraformResourceType, ours.terraformGeneratorMetadata]).toEqual([ours.terraformResourceType, binding.terraformGeneratorMetadata]);
  });

  test('the inputs the library’s checks read (namespace ordering, deployability, Karpenter) are the binding’s', () => {
    const INPUTS = ['metadataInput', 'manifestInput', 'namespaceInput', 'createNamespaceInput', 'chartInput'];
    const differ: string[] = [];
    let compared = 0;
    // the checks read them from kubernetes and helm resources only (src/core/layers)
    const kubernetesAndHelm = all.filter((t) => !t.ours.terraformResourceType.startsWith('aws_'));
    for (const { ours, binding } of kubernetesAndHelm) {
      for (const input of INPUTS) {
        if (!(input in binding)) continue;
        compared++;
        if (canonical((ours as any)[input]) !== canonical((binding as any)[input])) differ.push(`${ours.node.path}.${input}`);
      }
    }
    expect(differ).toEqual([]);
    expect(compared).toBeGreaterThan(kubernetesAndHelm.length);
  });

  test('the attributes the library reads (arn, name, id, bucket, version_id) are the binding’s references', () => {
    const ATTRIBUTES = ['arn', 'name', 'id', 'bucket', 'versionId', 'keyId', 'url', 'latestVersion', 'domain', 'certificateArn', 'primaryEndpointAddress', 'metadata.name'];
    const read = (r: TerraformResource, attribute: string) => attribute.split('.').reduce((o: any, key) => o[key], r);
    const reference = (stack: TerraformStack, r: TerraformResource, attribute: string) =>
      String(resolve(stack, read(r, attribute))).replace(`.${r.friendlyUniqueId}.`, '.X.');
    const defines = (r: object, attribute: string): boolean => {
      const name = attribute.split('.')[0];
      for (let proto = Object.getPrototypeOf(r); proto && proto !== ProviderResource.prototype; proto = Object.getPrototypeOf(proto)) if (Object.getOwnPropertyDescriptor(proto, name)) return true;
      return false;
    };
    const differ: string[] = [];
    const compared = new Set<string>();
    for (const { ours, binding, stack } of all) {
      for (const attribute of ATTRIBUTES.filter((a) => defines(ours, a))) {
        compared.add(`${ours.terraformResourceType}.${attribute}`);
        if (reference(stack, ours, attribute) !== reference(stack, binding, attribute)) differ.push(`${ours.node.path}.${attribute}: ${reference(stack, ours, attribute)}`);
      }
    }
    expect(differ).toEqual([]);
    const named = [
      'aws_iam_role.arn', 'aws_iam_role.name', 'aws_s3_bucket.arn', 'aws_s3_bucket.bucket', 'aws_secretsmanager_secret.arn', 'aws_secretsmanager_secret_version.versionId',
      'aws_launch_template.latestVersion', 'aws_kms_key.arn', 'aws_kms_key.keyId', 'aws_sqs_queue.arn', 'aws_sqs_queue.url', 'aws_cloudwatch_event_rule.arn', 'aws_cloudwatch_event_rule.name',
      'aws_cloudwatch_log_group.arn', 'aws_cognito_user_pool.arn', 'aws_cognito_user_pool_domain.domain', 'aws_acm_certificate.arn', 'aws_acm_certificate_validation.certificateArn',
      'aws_elasticache_replication_group.primaryEndpointAddress', 'aws_elasticache_subnet_group.name', 'aws_elasticache_parameter_group.name', 'aws_db_subnet_group.name', 'aws_db_parameter_group.name',
    ];
    const ids = PAIRS.filter((p) => p.type.startsWith('aws_')).map((p) => `${p.type}.id`);
    const metadata = PAIRS.filter((p) => p.ours.prototype instanceof KubernetesObjectResource).map((p) => `${p.type}.metadata.name`);
    expect(compared).toEqual(new Set([...named, ...ids, ...metadata]));
    // not vacuous: a reference names the resource type and attribute
    expect(reference(all[0].stack, all.find((t) => t.ours instanceof AwsIamRole)!.ours, 'arn')).toBe('${aws_iam_role.X.arn}');
  });

  test('an Ingress’s load balancer host name (the front door’s DNS name) is the binding’s reference', () => {
    const twin = all.find((t) => t.ours instanceof KubernetesIngressV1)!;
    const address = (r: TerraformResource, value: string) => String(resolve(twin.stack, value)).replace(`.${r.friendlyUniqueId}.`, '.X.');
    const binding = twin.binding as IngressV1;
    expect(address(twin.ours, (twin.ours as KubernetesIngressV1).loadBalancerHostname)).toBe(address(binding, binding.status.get(0).loadBalancer.get(0).ingress.get(0).hostname));
    expect(address(twin.ours, (twin.ours as KubernetesIngressV1).loadBalancerHostname)).toBe('${kubernetes_ingress_v1.X.status[0].load_balancer[0].ingress[0].hostname}');
  });
});

/** `snake: mapper(struct.camel)` pairs of a binding's generated JSON mappers, read as text (not loaded). */
function generatedPairs(module: string): Array<{ snake: string; camel: string; map: boolean }> {
  const dir = path.dirname(require.resolve(module));
  const structs = path.join(dir, 'index-structs');
  const files = [path.join(dir, 'index.js'), ...(fs.existsSync(structs) ? fs.readdirSync(structs).filter((f) => /^structs\d+\.js$/.test(f)).map((f) => path.join(structs, f)) : [])];
  const pairs: Array<{ snake: string; camel: string; map: boolean }> = [];
  for (const file of files) {
    for (const m of fs.readFileSync(file, 'utf8').matchAll(/^\s+(\w+): (.*)\((?:struct|this)\._?(\w+)(?:\.internalValue)?\),?$/gm)) {
      if (m[2].includes('Hcl')) continue;
      pairs.push({ snake: m[1], camel: m[3], map: m[2].includes('hashMapper') });
    }
  }
  return pairs;
}

describe('argument mapping, against the bindings’ generated code', () => {
  test.each(PAIRS.map((p) => [p.module, p.maps] as const))('%s: every argument is snake_case of its camelCase name; the map arguments are the library’s', (module, maps) => {
    const pairs = generatedPairs(module);
    expect(pairs.length).toBeGreaterThan(1);
    expect(pairs.filter((p) => snakeCase(p.camel) !== p.snake)).toEqual([]);
    expect([...new Set(pairs.filter((p) => p.map).map((p) => p.snake))].sort()).toEqual([...maps].sort());
  });

  test('the library declares the map arguments the table above pins', () => {
    const declared = (type: string) => [...(allTwins().find((t) => t.ours.terraformResourceType === type)!.ours as any).mapArguments].sort();
    expect(PAIRS.map((p) => [p.type, declared(p.type)])).toEqual(PAIRS.map((p) => [p.type, [...p.maps].sort()]));
  });

  test('map arguments keep their keys, everything else is snake_cased, undefined is dropped, arrays map element-wise', () => {
    const args = terraformArguments(
      { metadata: { labels: { 'app.kubernetes.io/name': 'x', camelKey: 'v' } }, spec: { nodeSelector: { 'karpenter.sh/nodePool': 'p' }, restartPolicy: 'Never', volume: [{ emptyDir: { sizeLimit: '1Gi' } }], hostNetwork: undefined } },
      POD_SPEC_MAP_ARGUMENTS,
    );
    expect(args).toEqual({
      metadata: { labels: { 'app.kubernetes.io/name': 'x', camelKey: 'v' } },
      spec: { node_selector: { 'karpenter.sh/nodePool': 'p' }, restart_policy: 'Never', volume: [{ empty_dir: { size_limit: '1Gi' } }] },
    });
    expect(Object.keys((args as any).spec)).not.toContain('host_network');
  });

  test('the library loads none of these bindings (their modules are imported for types only)', () => {
    const offenders: string[] = [];
    const modules = PAIRS.map((p) => p.module);
    const walk = (dir: string) => {
      for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const file = path.join(dir, entry.name);
        if (entry.isDirectory()) walk(file);
        else if (/\.ts$/.test(entry.name) && modules.some((m) => new RegExp(`^import (?!type )[^;]*from '${m}'`, 'm').test(fs.readFileSync(file, 'utf8')))) offenders.push(file);
      }
    };
    for (const root of ['src', 'stacks', 'examples']) walk(path.resolve(__dirname, '../..', root));
    expect(offenders).toEqual([]);
  });
});
