/**
 * `ExternalSecretsAccess` (cloud layer): the AWS identity of the External Secrets Operator
 * controller — a {@link PodIdentityRole} for its service account whose inline policy allows reading
 * exactly the secrets registered with {@link ExternalSecretsAccess.grantRead}, and decrypting with
 * their KMS keys only through Secrets Manager (`kms:ViaService`) and only for those secrets
 * (`kms:EncryptionContext:SecretARN`: Secrets Manager puts the secret's ARN in the encryption
 * context of every data key). Never `*`. Secrets under the AWS managed key `aws/secretsmanager` need
 * no KMS statement: its key policy lets principals of the account use it through Secrets Manager.
 *
 * The policy is built lazily (`Lazy.stringValue`), at synthesis: components created after this
 * construct (MLflow, Feast, the vector database) call `grantRead` with their secrets and the grants
 * appear in the one policy. With no grant at all the policy is an explicit deny (IAM rejects an
 * empty policy) and a warning says so.
 *
 * @see https://external-secrets.io/latest/provider/aws-secrets-manager/
 */
import { Annotations, Lazy, TerraformStack, Token } from 'cdktf';
import { Construct } from 'constructs';
import { AwsIamRolePolicy } from '../resources/aws-iam-role';
import { PolicyDocument, policyDocument, policyJson, PolicyStatement } from '../iam';
import { MlopsStack, requireLayer } from '../layers/mlops-stack';
import { PodIdentityRole } from '../pod-identity-role';
import { Schemas } from '../schemas';
import { failProp, validateProps } from '../validation';
import { EXTERNAL_SECRETS_DEFAULTS } from './constants';
import { ISecretsManagerSecret } from './secret-source';

/** Secrets Manager actions ESO needs to sync a secret by name or ARN. */
export const SECRETS_READ_ACTIONS = ['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret'] as const;

/** Props of {@link ExternalSecretsAccess}. */
export interface ExternalSecretsAccessProps {
  /** Name of the EKS cluster the operator runs in. */
  readonly clusterName: string;
  /**
   * Namespace of the operator (must match `ExternalSecretsOperator`).
   * @default EXTERNAL_SECRETS_DEFAULTS.namespace ('external-secrets')
   */
  readonly namespace?: string;
  /**
   * Service account of the controller (must match `ExternalSecretsOperator`).
   * @default EXTERNAL_SECRETS_DEFAULTS.serviceAccount ('external-secrets')
   */
  readonly serviceAccount?: string;
  /**
   * Region of the secrets (the `kms:ViaService` condition names `secretsmanager.<region>.amazonaws.com`).
   * @default - the region of the enclosing `CloudStack`
   */
  readonly region?: string;
}

const schema = Schemas.props<ExternalSecretsAccessProps>()({
  clusterName: Schemas.eksClusterName(),
  namespace: Schemas.k8sName().optional(),
  serviceAccount: Schemas.k8sName().optional(),
  region: Schemas.region().optional(),
});

/** The Pod Identity role of the External Secrets Operator controller, with per-secret grants. */
export class ExternalSecretsAccess extends Construct {
  /** The role and its Pod Identity association. */
  public readonly role: PodIdentityRole;
  /** ARN of the role. */
  public readonly roleArn: string;
  /** Namespace of the operator's service account. */
  public readonly namespace: string;
  /** Name of the controller's service account. */
  public readonly serviceAccount: string;
  /** Region named in the `kms:ViaService` condition. */
  public readonly region: string;
  private readonly secretArns: string[] = [];
  private readonly kmsKeyArns: string[] = [];

  constructor(scope: Construct, id: string, props: ExternalSecretsAccessProps) {
    super(scope, id);
    validateProps(this, schema, props);
    requireLayer(this, 'cloud', 'ExternalSecretsAccess');
    const stack = TerraformStack.of(this);
    const region = props.region ?? (stack instanceof MlopsStack ? stack.region : undefined);
    if (region === undefined) {
      failProp(this, 'region', region, 'is required outside a CloudStack; pass the region of the secrets');
    }
    this.region = region;
    this.namespace = props.namespace ?? EXTERNAL_SECRETS_DEFAULTS.namespace;
    this.serviceAccount = props.serviceAccount ?? EXTERNAL_SECRETS_DEFAULTS.serviceAccount;
    this.role = new PodIdentityRole(this, 'role', {
      clusterName: props.clusterName,
      namespace: this.namespace,
      serviceAccount: this.serviceAccount,
    });
    this.roleArn = this.role.roleArn;
    new AwsIamRolePolicy(this, 'read-secrets', {
      role: this.role.role.name,
      name: 'read-granted-secrets',
      policy: Lazy.stringValue({ produce: () => policyJson(this.policyDocument()) }),
    });
    this.node.addValidation({
      validate: () => {
        if (this.secretArns.length === 0) {
          Annotations.of(this).addWarning('ExternalSecretsAccess has no grants: the controller can read no secret. Call grantRead(secret) for every secret a SyncedSecret syncs.');
        }
        return [];
      },
    });
  }

  /**
   * Lets the controller read `secret` (and decrypt it with its KMS key through Secrets Manager).
   * Accepts an {@link ISecretsManagerSecret} (e.g. a `GeneratedSecret`) or an ARN and optional key
   * ARN. Wildcards are refused. Granting the same ARN twice is a no-op.
   */
  public grantRead(secret: ISecretsManagerSecret | string, kmsKeyArn?: string): void {
    const arn = typeof secret === 'string' ? secret : secret.secretArn;
    const key = typeof secret === 'string' ? kmsKeyArn : (kmsKeyArn ?? secret.kmsKeyArn);
    checkArn(this, 'grantRead(secretArn)', arn, /^arn:aws[a-z-]*:secretsmanager:/, 'a Secrets Manager secret ARN (arn:aws:secretsmanager:…:secret:…)');
    if (key !== undefined) checkArn(this, 'grantRead(kmsKeyArn)', key, /^arn:aws[a-z-]*:kms:/, 'a KMS key ARN (arn:aws:kms:…:key/…)');
    addOnce(this.secretArns, arn);
    if (key !== undefined) addOnce(this.kmsKeyArns, key);
  }

  /** The ARNs granted so far, in grant order. */
  public get grantedSecretArns(): readonly string[] {
    return [...this.secretArns];
  }

  /** The policy as it stands now (the synthesized one is built from the grants at synth time). */
  public policyDocument(): PolicyDocument {
    if (this.secretArns.length === 0) {
      return policyDocument({ Sid: 'NoSecretGranted', Effect: 'Deny', Action: [...SECRETS_READ_ACTIONS], Resource: '*' });
    }
    const statements: PolicyStatement[] = [{ Sid: 'ReadGrantedSecrets', Effect: 'Allow', Action: [...SECRETS_READ_ACTIONS], Resource: [...this.secretArns] }];
    if (this.kmsKeyArns.length > 0) {
      statements.push({
        Sid: 'DecryptGrantedSecretsViaSecretsManager',
        Effect: 'Allow',
        Action: 'kms:Decrypt',
        Resource: [...this.kmsKeyArns],
        Condition: {
          StringEquals: {
            'kms:ViaService': `secretsmanager.${this.region}.amazonaws.com`,
            'kms:EncryptionContext:SecretARN': [...this.secretArns],
          },
        },
      });
    }
    return policyDocument(...statements);
  }
}

function addOnce(list: string[], value: string): void {
  if (!list.includes(value)) list.push(value);
}

function checkArn(scope: Construct, prop: string, value: string, pattern: RegExp, what: string): void {
  if (Token.isUnresolved(value)) return;
  if (value.includes('*') || value.includes('?')) {
    failProp(scope, prop, value, `has a wildcard; grant exact ARNs only (${what})`);
  }
  if (!pattern.test(value)) failProp(scope, prop, value, `is not ${what}; pass the exact ARN`);
}
