import { TerraformOutput, Testing } from 'cdktf';
import { StackSet } from '../../src/core/layers/stack-set';
import { ExternalSecretsAccess } from '../../src/core/secrets/external-secrets-access';
import { existingSecret } from '../../src/core/secrets/secret-source';
import { AccessLogBucket } from '../../src/frontdoor/access-log-bucket';
import { ExternalDnsCloud } from '../../src/frontdoor/external-dns-cloud';
import { FrontDoorCertificate } from '../../src/frontdoor/front-door-certificate';
import { FrontDoorCloud, FrontDoorCloudProps } from '../../src/frontdoor/front-door-cloud';
import { FrontDoorAppClient } from '../../src/frontdoor/front-door-app-client';
import { appClientFunctionName, FrontDoorUserPool } from '../../src/frontdoor/front-door-user-pool';
import { allowDataDeletion } from '../../src/policy/allow-data-deletion';
import { addresses, cloudStack, onlyResource, platformStack, policy, resourceAt, resources, synth, TEST_ENV } from '../helpers/synth';
import { CERT_ARN, DOMAIN, OIDC_PROVIDER, OIDC_SECRET_ARN, ZONE } from './fixture';

describe('FrontDoorCertificate', () => {
  test('DNS-validated in the hosted zone: one record per validation option, and a validation that waits for issuance', () => {
    const stack = cloudStack();
    const cert = new FrontDoorCertificate(stack, 'cert', { domainName: DOMAIN, subjectAlternativeNames: [`*.${DOMAIN}`, DOMAIN], hostedZoneId: ZONE });
    const json = synth(stack);
    const certificate = onlyResource(json, 'aws_acm_certificate');
    expect([certificate.domain_name, certificate.subject_alternative_names, certificate.validation_method, certificate.key_algorithm, certificate.lifecycle]).toEqual([
      'ml.acme.io',
      ['*.ml.acme.io'],
      'DNS',
      'EC_prime256v1',
      { create_before_destroy: true },
    ]);
    const certId = Object.keys(resources(json, 'aws_acm_certificate'))[0];
    const [recordId, record] = Object.entries(resources(json, 'aws_route53_record'))[0];
    expect(record).toMatchObject({
      for_each: `\${{ for dvo in aws_acm_certificate.${certId}.domain_validation_options : dvo.domain_name => dvo }}`,
      zone_id: ZONE,
      name: '${each.value.resource_record_name}',
      type: 'CNAME',
      records: ['${each.value.resource_record_value}'],
      ttl: 300,
      allow_overwrite: true,
    });
    const validation = onlyResource(json, 'aws_acm_certificate_validation');
    expect([validation.certificate_arn, validation.validation_record_fqdns]).toEqual([`\${aws_acm_certificate.${certId}.arn}`, `\${[for record in aws_route53_record.${recordId} : record.fqdn]}`]);
    expect(cert.names).toEqual(['ml.acme.io', '*.ml.acme.io']);
  });

  test('an imported certificate is used as is', () => {
    const stack = cloudStack();
    const cert = new FrontDoorCertificate(stack, 'cert', { domainName: DOMAIN, certificateArn: CERT_ARN });
    expect(cert.certificateArn).toBe(CERT_ARN);
    expect(synth(stack).resource).toBeUndefined();
  });

  test('bad props name the prop', () => {
    expect(() => new FrontDoorCertificate(cloudStack(), 'cert', { domainName: DOMAIN })).toThrow(
      'test-cloud/cert: hostedZoneId = (missing) is required to issue a certificate (DNS validation); pass the public hosted zone of the domain, or an existing certificateArn',
    );
    expect(() => new FrontDoorCertificate(cloudStack(), 'cert', { domainName: DOMAIN, hostedZoneId: ZONE, certificateArn: CERT_ARN })).toThrow(
      `test-cloud/cert: hostedZoneId = "${ZONE}" is not used with certificateArn (the certificate exists); drop one of the two`,
    );
    expect(() => new FrontDoorCertificate(cloudStack(), 'cert', { domainName: 'ML.acme.io', hostedZoneId: ZONE })).toThrow('test-cloud/cert: domainName = "ML.acme.io" has uppercase letters; write DNS names in lowercase');
    expect(() => new FrontDoorCertificate(cloudStack(), 'cert', { domainName: DOMAIN, certificateArn: 'arn:aws:iam::123456789012:server-certificate/x' })).toThrow(
      'test-cloud/cert: certificateArn = "arn:aws:iam::123456789012:server-certificate/x" is not an ACM certificate ARN; use arn:aws:acm:<region>:<account>:certificate/<id>',
    );
  });
});

describe('AccessLogBucket', () => {
  test('SSE-S3 (the only encryption ELB access logs support), expiring, written only by log delivery under <prefix>/AWSLogs/', () => {
    const stack = cloudStack();
    new AccessLogBucket(stack, 'logs', { expirationDays: 30 });
    const json = synth(stack);
    expect(onlyResource(json, 'aws_s3_bucket_server_side_encryption_configuration').rule).toEqual([{ apply_server_side_encryption_by_default: { sse_algorithm: 'AES256' } }]);
    const bucket = onlyResource(json, 'aws_s3_bucket');
    expect([bucket.force_destroy, bucket.lifecycle]).toEqual([false, { prevent_destroy: true }]);
    const bucketId = Object.keys(resources(json, 'aws_s3_bucket'))[0];
    const account = Object.keys(json.data!.aws_elb_service_account)[0];
    expect(json.data!.aws_elb_service_account[account].region).toBe('us-east-1');
    expect(policy(onlyResource(json, 'aws_s3_bucket_policy').policy).Statement[1]).toEqual({
      Sid: 'AllowLoadBalancerLogDelivery',
      Effect: 'Allow',
      Principal: { Service: 'logdelivery.elasticloadbalancing.amazonaws.com', AWS: `\${data.aws_elb_service_account.${account}.arn}` },
      Action: 's3:PutObject',
      Resource: `\${aws_s3_bucket.${bucketId}.arn}/alb/AWSLogs/*`,
    });
    expect(onlyResource(json, 'aws_s3_bucket_lifecycle_configuration').rule[0].expiration).toEqual([{ days: 30 }]);
  });

  test('in a region opened after August 2022 only the service principal delivers', () => {
    const stack = cloudStack();
    new AccessLogBucket(stack, 'logs', { region: 'ap-southeast-5', prefix: 'front' });
    const json = synth(stack);
    expect(json.data?.aws_elb_service_account).toBeUndefined();
    const statement = policy(onlyResource(json, 'aws_s3_bucket_policy').policy).Statement[1];
    expect([statement.Principal, statement.Resource.endsWith('/front/AWSLogs/*')]).toEqual([{ Service: 'logdelivery.elasticloadbalancing.amazonaws.com' }, true]);
  });

  test('bad props name the prop', () => {
    expect(() => new AccessLogBucket(cloudStack(), 'logs', { prefix: 'alb/logs' })).toThrow('test-cloud/logs: prefix = "alb/logs" is not a key prefix for access logs; use lowercase letters, digits and "-" (no "/")');
    expect(() => new AccessLogBucket(cloudStack(), 'logs', { prefix: 'awslogs-alb' })).toThrow('test-cloud/logs: prefix = "awslogs-alb" contains "AWSLogs", which Elastic Load Balancing adds itself; choose another prefix');
  });
});

describe('FrontDoorUserPool', () => {
  test('no self sign-up, MFA, deletion protection; the ALB client created at apply time with a secret and one callback per host', () => {
    const stack = cloudStack();
    const userPool = new FrontDoorUserPool(stack, 'pool', { hosts: ['mlflow.ml.acme.io', 'grafana.ml.acme.io'], domainPrefix: 'acme-ml' });
    new TerraformOutput(stack, 'client-id', { value: userPool.userPoolClientId });
    const json = synth(stack);
    const pool = onlyResource(json, 'aws_cognito_user_pool');
    expect(pool).toMatchObject({
      name: 'test-dev-front-door',
      username_attributes: ['email'],
      admin_create_user_config: { allow_admin_create_user_only: true },
      mfa_configuration: 'ON',
      software_token_mfa_configuration: { enabled: true },
      deletion_protection: 'ACTIVE',
      lifecycle: { prevent_destroy: true },
    });
    const poolId = Object.keys(resources(json, 'aws_cognito_user_pool'))[0];
    expect(resources(json, 'aws_cognito_user_pool_client')).toEqual({});
    const invocation = onlyResource(json, 'aws_lambda_invocation');
    const invocationId = Object.keys(resources(json, 'aws_lambda_invocation'))[0];
    const callbacks = '["https://grafana.ml.acme.io/oauth2/idpresponse", "https://mlflow.ml.acme.io/oauth2/idpresponse"]';
    expect(invocation.lifecycle_scope).toBe('CRUD');
    expect(invocation.input).toBe(
      `\${jsonencode({"userPoolId" = aws_cognito_user_pool.${poolId}.id, "clientName" = "front-door-alb", "settings" = {"AllowedOAuthFlowsUserPoolClient" = true, ` +
        `"AllowedOAuthFlows" = ["code"], "AllowedOAuthScopes" = ["email", "openid"], "SupportedIdentityProviders" = ["COGNITO"], ` +
        `"ExplicitAuthFlows" = ["ALLOW_REFRESH_TOKEN_AUTH", "ALLOW_USER_SRP_AUTH"], "PreventUserExistenceErrors" = "ENABLED", "EnableTokenRevocation" = true, ` +
        `"AccessTokenValidity" = 60, "IdTokenValidity" = 60, "RefreshTokenValidity" = 30, "TokenValidityUnits" = {"AccessToken" = "minutes", "IdToken" = "minutes", "RefreshToken" = "days"}, ` +
        `"AuthSessionValidity" = 3, "CallbackURLs" = ${callbacks}}})}`,
    );
    expect((json as any).output['client-id'].value).toBe(`\${jsondecode(aws_lambda_invocation.${invocationId}.result).clientId}`);
    // least privilege: the app-client actions on this one pool, and its own logs
    expect(policy(onlyResource(json, 'aws_iam_role_policy').policy).Statement).toEqual([
      {
        Sid: 'ManageTheAppClient',
        Effect: 'Allow',
        Action: ['cognito-idp:CreateUserPoolClient', 'cognito-idp:UpdateUserPoolClient', 'cognito-idp:DeleteUserPoolClient', 'cognito-idp:ListUserPoolClients'],
        Resource: `\${aws_cognito_user_pool.${poolId}.arn}`,
      },
      { Sid: 'WriteOwnLogs', Effect: 'Allow', Action: ['logs:CreateLogStream', 'logs:PutLogEvents'], Resource: `\${${'aws_cloudwatch_log_group.' + Object.keys(resources(json, 'aws_cloudwatch_log_group'))[0]}.arn}:*` },
    ]);
    expect(onlyResource(json, 'aws_lambda_function')).toMatchObject({ function_name: 'test-dev-front-door-alb-client', handler: 'index.handler' });
    expect(onlyResource(json, 'aws_kms_key').lifecycle).toEqual({ prevent_destroy: true });
    expect(onlyResource(json, 'aws_cognito_user_pool_domain')).toMatchObject({ domain: 'acme-ml', user_pool_id: `\${aws_cognito_user_pool.${poolId}.id}` });
    expect(JSON.stringify(json)).not.toMatch(/client_secret|generate_secret/);
  });

  test('allowDataDeletion lifts both guards of the pool (prevent_destroy and Cognito deletion protection)', () => {
    const stack = cloudStack();
    new FrontDoorUserPool(stack, 'pool', { hosts: ['mlflow.ml.acme.io'], domainPrefix: 'acme-ml' });
    allowDataDeletion(stack, 'teardown of the test environment, its users are deleted');
    const pool = onlyResource(synth(stack), 'aws_cognito_user_pool');
    expect([pool.deletion_protection, pool.lifecycle]).toEqual(['INACTIVE', { prevent_destroy: false }]);
  });

  test('dev: MFA optional; the default domain prefix ends with the account id', () => {
    const stack = cloudStack();
    new FrontDoorUserPool(stack, 'pool', { hosts: ['mlflow.ml.acme.io'], preset: 'dev' });
    const json = synth(stack);
    expect(onlyResource(json, 'aws_cognito_user_pool').mfa_configuration).toBe('OPTIONAL');
    expect(onlyResource(json, 'aws_cognito_user_pool_domain').domain).toBe(`test-dev-\${data.aws_caller_identity.${Object.keys(json.data!.aws_caller_identity)[0]}.account_id}`);
  });

  test('bad props name the prop', () => {
    expect(() => new FrontDoorUserPool(cloudStack(), 'pool', { hosts: ['mlflow.ml.acme.io'], domainPrefix: 'aws-ml' })).toThrow(
      'test-cloud/pool: domainPrefix = "aws-ml" contains a word Cognito reserves (aws, amazon, cognito); choose another prefix',
    );
    expect(() => new FrontDoorUserPool(cloudStack(), 'pool', { hosts: [] })).toThrow('test-cloud/pool: hosts = [] is empty; list the host names users sign in on');
  });
});

describe('FrontDoorAppClient', () => {
  const props = { userPoolId: 'us-east-1_AbCdEfGhI', userPoolArn: 'arn:aws:cognito-idp:us-east-1:123456789012:userpool/us-east-1_AbCdEfGhI', callbackUrls: ['https://mlflow.ml.acme.io/oauth2/idpresponse'], functionName: 'acme-alb-client', preventDestroy: false };

  test('bad props name the prop and the fix', () => {
    expect(() => new FrontDoorAppClient(cloudStack(), 'c', { ...props, callbackUrls: ['http://mlflow.ml.acme.io/oauth2/idpresponse'] })).toThrow(/test-cloud\/c: callbackUrls.*is not an https:\/\/ URL/);
    expect(() => new FrontDoorAppClient(cloudStack(), 'c', { ...props, callbackUrls: [] })).toThrow('test-cloud/c: callbackUrls = [] is empty; list the callback URLs');
    expect(() => new FrontDoorAppClient(cloudStack(), 'c', { ...props, clientName: 'alb/1' })).toThrow(/clientName = "alb\/1" is not an app client name/);
    expect(() => new FrontDoorAppClient(cloudStack(), 'c', { ...props, functionName: 'acme alb' })).toThrow(/test-cloud\/c\/function: functionName = "acme alb" is not a Lambda function name/);
  });

  test('the function name of a pool: its name made a function name, at most 64 characters', () => {
    expect(appClientFunctionName('ml prod@front-door')).toBe('ml-prod-front-door-alb-client');
    expect(appClientFunctionName('x'.repeat(100))).toBe(`${'x'.repeat(53)}-alb-client`);
  });
});

describe('ExternalDnsCloud', () => {
  test('Pod Identity role scoped to the one hosted zone and the names under the domain', () => {
    const stack = cloudStack();
    new ExternalDnsCloud(stack, 'dns', { cluster: { clusterName: 'test-cluster' }, hostedZoneId: ZONE, domain: DOMAIN });
    const json = synth(stack);
    expect(policy(onlyResource(json, 'aws_iam_role_policy').policy)).toEqual({
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'ChangeRecordsUnderTheDomain',
          Effect: 'Allow',
          Action: ['route53:ChangeResourceRecordSets'],
          Resource: `arn:aws:route53:::hostedzone/${ZONE}`,
          Condition: { 'ForAllValues:StringLike': { 'route53:ChangeResourceRecordSetsNormalizedRecordNames': ['ml.acme.io', '*.ml.acme.io'] } },
        },
        { Sid: 'ReadTheZone', Effect: 'Allow', Action: ['route53:ListResourceRecordSets', 'route53:ListTagsForResources'], Resource: `arn:aws:route53:::hostedzone/${ZONE}` },
        { Sid: 'FindTheZone', Effect: 'Allow', Action: ['route53:ListHostedZones'], Resource: '*' },
      ],
    });
    const association = onlyResource(json, 'aws_eks_pod_identity_association');
    expect([association.cluster_name, association.namespace, association.service_account]).toEqual(['test-cluster', 'external-dns', 'external-dns']);
  });

  test('bad props name the prop', () => {
    expect(() => new ExternalDnsCloud(cloudStack(), 'dns', { cluster: { clusterName: 'test-cluster' }, hostedZoneId: 'ml.acme.io', domain: DOMAIN })).toThrow(
      'test-cloud/dns: hostedZoneId = "ml.acme.io" is not a Route 53 hosted zone id; use the zone\'s id, e.g. "Z0123456789ABCDEFGHIJ" (not its name)',
    );
  });
});

describe('FrontDoorCloud', () => {
  function inSet(props: Partial<FrontDoorCloudProps> = {}) {
    const set = new StackSet(Testing.app(), { ...TEST_ENV, project: 'ml' });
    const access = new ExternalSecretsAccess(set.cloud, 'eso-access', { clusterName: 'test-cluster' });
    const cloud = new FrontDoorCloud(set.cloud, 'front-door', { cluster: { clusterName: 'test-cluster' }, domain: DOMAIN, apps: ['mlflow', 'grafana'], hostedZoneId: ZONE, secretsAccess: access, ...props });
    return { set, cloud, access };
  }

  test('stateful parts (access-log bucket, Cognito user pool) in the data stack with pinned addresses; the rest in the cloud stack', () => {
    const { set, cloud } = inSet({ sso: { type: 'cognito' } });
    const data = synth(set.data);
    const pinned = addresses(data, 'aws_s3_bucket', 'aws_cognito_user_pool', 'aws_cognito_user_pool_domain', 'aws_kms_key', 'aws_lambda_invocation');
    expect(pinned).toEqual({
      'aws_s3_bucket.front-door_access-logs_bucket_BDBAB9DB': 'ml-dev-data/front-door/access-logs/logs/bucket',
      'aws_cognito_user_pool.front-door_user-pool_EB4ACD2D': 'ml-dev-data/front-door/user-pool/user-pool',
      'aws_kms_key.front-door_user-pool_alb-app-client_function_logs-key_57BE8EE7': 'ml-dev-data/front-door/user-pool/alb-app-client/function/logs-key',
      'aws_lambda_invocation.front-door_user-pool_alb-app-client_function_invocation_72ED9202': 'ml-dev-data/front-door/user-pool/alb-app-client/function/invocation',
      'aws_cognito_user_pool_domain.front-door_user-pool_domain_17D08CE5': 'ml-dev-data/front-door/user-pool/domain',
    });
    const cloudJson = synth(set.cloud);
    expect(Object.keys(cloudJson.resource ?? {}).sort()).toEqual(['aws_acm_certificate', 'aws_acm_certificate_validation', 'aws_eks_pod_identity_association', 'aws_iam_role', 'aws_iam_role_policy', 'aws_route53_record']);
    expect(cloud.apps).toEqual(['grafana', 'mlflow']);
    expect(cloud.sso?.type).toBe('cognito');
    expect(onlyResource(cloudJson, 'aws_acm_certificate').subject_alternative_names).toEqual(['*.ml.acme.io']);
    expect(resourceAt(cloudJson, 'aws_eks_pod_identity_association', 'front-door/external-dns/role/association').namespace).toBe('external-dns');
  });

  test('OIDC: the External Secrets Operator may read the client secret; nothing of it in the JSON but its ARN', () => {
    const { set, cloud, access } = inSet({ sso: OIDC_PROVIDER, externalDns: false, accessLogs: false });
    expect(access.grantedSecretArns).toEqual([OIDC_SECRET_ARN]);
    const json = synth(set.cloud);
    expect(policy(resourceAt(json, 'aws_iam_role_policy', 'eso-access/read-secrets').policy).Statement).toEqual([
      { Sid: 'ReadGrantedSecrets', Effect: 'Allow', Action: ['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret'], Resource: [OIDC_SECRET_ARN] },
    ]);
    expect(cloud.sso).toMatchObject({ type: 'oidc', clientIdProperty: 'client-id', clientSecretProperty: 'client-secret', scope: 'openid email' });
    expect([cloud.externalDns, cloud.accessLogs, synth(set.data).resource]).toEqual([undefined, undefined, undefined]);
  });

  test('bad props name the prop', () => {
    expect(() => inSet({ sso: { ...OIDC_PROVIDER, clientSecretProperty: 'secret' } })).toThrow(
      'ml-dev-cloud/front-door: sso.clientSecretProperty = "secret" is not a property of the client secret (client-id, client-secret); name the JSON property that holds it',
    );
    expect(() => inSet({ sso: OIDC_PROVIDER, secretsAccess: undefined })).toThrow(
      'ml-dev-cloud/front-door: secretsAccess = (missing) is required with sso.type "oidc": the External Secrets Operator syncs the client secret; pass the ExternalSecretsAccess',
    );
    expect(() => inSet({ hostedZoneId: undefined, certificateArn: CERT_ARN, externalDns: true })).toThrow(
      'ml-dev-cloud/front-door: externalDns = true needs hostedZoneId (the zone ExternalDNS writes to); pass it or set externalDns: false',
    );
    expect(() => inSet({ apps: ['MLflow'] })).toThrow('ml-dev-cloud/front-door: apps[0] = "MLflow" is not a host label; use lowercase letters, digits and inner "-"');
    expect(() => inSet({ sso: { type: 'okta' } as any })).toThrow(
      'ml-dev-cloud/front-door: sso.type = "okta" must be { type: "cognito" } or { type: "oidc", issuer, authorizationEndpoint, tokenEndpoint, userInfoEndpoint, clientCredentials }',
    );
    expect(() => inSet({ sso: { ...OIDC_PROVIDER, clientCredentials: existingSecret({ secretArn: OIDC_SECRET_ARN }), issuer: 'http://acme.okta.com' } })).toThrow(
      'ml-dev-cloud/front-door: sso.issuer = "http://acme.okta.com" is not an https:// URL; give the full URL, e.g. "https://login.example.com/oauth2/token"',
    );
    expect(() => new FrontDoorCloud(platformStack(), 'fd', { cluster: { clusterName: 'test-cluster' }, domain: DOMAIN, apps: ['mlflow'], certificateArn: CERT_ARN })).toThrow(
      'FrontDoorCloud belongs in the cloud layer',
    );
  });
});
