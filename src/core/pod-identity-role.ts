/**
 * `PodIdentityRole`: an IAM role that one Kubernetes service account assumes through EKS Pod
 * Identity, and the `aws_eks_pod_identity_association` that binds them. The trust policy admits only
 * `pods.eks.amazonaws.com` *and* only sessions tagged with this cluster, namespace and service
 * account, so another association in the account cannot borrow the role.
 *
 * Pod Identity is the default for every construct of the library. IRSA is optional, for clusters
 * without the Pod Identity agent: pass `irsa` (the cluster's IAM OIDC provider, e.g. from
 * `EksCluster({ irsaOidcProvider: true })`); the role then trusts that provider for exactly this
 * service account, no association is made, and the service account needs the annotation
 * {@link PodIdentityRole.serviceAccountAnnotations}.
 *
 * @see https://docs.aws.amazon.com/eks/latest/userguide/pod-id-role.html
 */
import { Construct } from 'constructs';
import { z } from 'zod';
import { PolicyDocument, policyDocument, policyJson, PolicyStatement } from './iam';
import { iamRoleName } from './naming';
import { AwsEksPodIdentityAssociation } from './resources/aws-eks-pod-identity-association';
import { AwsIamRole, AwsIamRolePolicy, AwsIamRolePolicyAttachment } from './resources/aws-iam-role';
import { producedString } from './resources/reference-tokens';
import { Schemas } from './schemas';
import { validateProps } from './validation';

/** Service account annotation that names the IRSA role. */
export const IRSA_ROLE_ANNOTATION = 'eks.amazonaws.com/role-arn';

/** Service principal of EKS Pod Identity. */
export const POD_IDENTITY_PRINCIPAL = 'pods.eks.amazonaws.com';

/** Props of {@link PodIdentityRole}. */
export interface PodIdentityRoleProps {
  /** Name of the EKS cluster. */
  readonly clusterName: string;
  /** Namespace of the service account. */
  readonly namespace: string;
  /** Name of the service account. */
  readonly serviceAccount: string;
  /**
   * The least-privilege permissions of the role, as an inline policy.
   * @default - no inline policy
   */
  readonly policy?: PolicyDocument;
  /**
   * AWS managed or customer managed policy ARNs to attach.
   * @default - none
   */
  readonly managedPolicyArns?: readonly string[];
  /**
   * Role name.
   * @default - `<clusterName>-<namespace>-<serviceAccount>`, cut to IAM's 64 characters
   */
  readonly roleName?: string;
  /**
   * Create the `aws_eks_pod_identity_association`. Turn off when the association is made elsewhere
   * (for example inside an `aws_eks_addon`).
   * @default true
   */
  readonly createAssociation?: boolean;
  /**
   * Use IRSA instead of Pod Identity: the cluster's IAM OIDC provider ARN and issuer (host and path,
   * without `https://`).
   * @default - Pod Identity
   */
  readonly irsa?: IrsaProvider;
}

/** The IAM OIDC provider of a cluster, for IRSA. */
export interface IrsaProvider {
  /** ARN of the `aws_iam_openid_connect_provider`. */
  readonly oidcProviderArn: string;
  /** Issuer host and path, e.g. `oidc.eks.us-east-1.amazonaws.com/id/ABC…` (no `https://`). */
  readonly oidcIssuer: string;
}

const schema = Schemas.props<PodIdentityRoleProps>()({
  clusterName: Schemas.eksClusterName(),
  namespace: Schemas.k8sName(),
  serviceAccount: z
    .string()
    .max(253, { message: 'is longer than 253 characters; use a shorter service account name' })
    .regex(/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/, { message: 'is not a valid service account name; use lowercase letters, digits, "-" and "."' }),
  roleName: z
    .string()
    .max(64, { message: "is longer than IAM's 64 characters; use a shorter role name" })
    .regex(/^[\w+=,.@-]+$/, { message: 'is not an IAM role name; use letters, digits and +=,.@_-' })
    .optional(),
  policy: Schemas.policyDocument().optional(),
  managedPolicyArns: z
    .array(z.string().regex(/^arn:aws[a-z-]*:iam::(aws|\d{12}):policy\/.+$/, { message: 'is not an IAM policy ARN; use arn:aws:iam::aws:policy/<name> or arn:aws:iam::<account>:policy/<name>' }))
    .optional(),
  createAssociation: z.boolean().optional(),
  irsa: Schemas.object({
    oidcProviderArn: z.string().regex(/^(\$\{.+\}|arn:aws[a-z-]*:iam::\d{12}:oidc-provider\/.+)$/, { message: 'is not an IAM OIDC provider ARN (arn:aws:iam::<account>:oidc-provider/<issuer>)' }),
    oidcIssuer: z.string().refine((v) => !v.startsWith('https://'), { message: 'starts with https://; pass the issuer host and path only' }),
  }).optional(),
});

/** An IAM role for one service account through EKS Pod Identity. */
export class PodIdentityRole extends Construct {
  public readonly role: AwsIamRole;
  public readonly association?: AwsEksPodIdentityAssociation;
  /** ARN of the role. */
  public readonly roleArn: string;
  /** Annotations the service account needs: `eks.amazonaws.com/role-arn` with IRSA, none with Pod Identity. */
  public readonly serviceAccountAnnotations: Readonly<Record<string, string>>;
  /** Statements of the inline policy: `props.policy`'s, then those added by {@link addToPolicy} (e.g. `SecureBucket.grantRead`). */
  private readonly statements: PolicyStatement[] = [];
  private inlinePolicy?: AwsIamRolePolicy;

  constructor(scope: Construct, id: string, props: PodIdentityRoleProps) {
    super(scope, id);
    validateProps(this, schema, props);
    this.role = new AwsIamRole(this, 'role', {
      name: props.roleName ?? iamRoleName(props.clusterName, props.namespace, props.serviceAccount),
      assumeRolePolicy: policyJson(
        props.irsa
          ? irsaTrustPolicy(props.irsa.oidcProviderArn, props.irsa.oidcIssuer, props.namespace, props.serviceAccount)
          : podIdentityTrustPolicy(props.clusterName, props.namespace, props.serviceAccount),
      ),
      maxSessionDuration: 3600,
    });
    this.roleArn = this.role.arn;
    this.serviceAccountAnnotations = props.irsa ? { [IRSA_ROLE_ANNOTATION]: this.roleArn } : {};
    if (props.policy) this.addToPolicy(...props.policy.Statement);
    (props.managedPolicyArns ?? []).forEach((arn, i) => {
      new AwsIamRolePolicyAttachment(this, `managed-${i}`, { role: this.role.name, policyArn: arn });
    });
    if (!props.irsa && (props.createAssociation ?? true)) {
      this.association = new AwsEksPodIdentityAssociation(this, 'association', {
        clusterName: props.clusterName,
        namespace: props.namespace,
        serviceAccount: props.serviceAccount,
        roleArn: this.role.arn,
      });
    }
  }

  /**
   * Adds statements to the role's inline policy `least-privilege` (created with the first
   * statement; its document is rendered at synth, so grants made later are included).
   */
  public addToPolicy(...statements: PolicyStatement[]): void {
    this.statements.push(...statements);
    this.inlinePolicy ??= new AwsIamRolePolicy(this, 'policy', {
      role: this.role.name,
      name: 'least-privilege',
      policy: producedString(() => policyJson(policyDocument(...this.statements)), this, 'the inline policy'),
    });
  }
}

/** Trust policy for Pod Identity, restricted to one cluster, namespace and service account. */
export function podIdentityTrustPolicy(clusterName: string, namespace: string, serviceAccount: string): PolicyDocument {
  return policyDocument({
    Sid: 'AllowEksPodIdentity',
    Effect: 'Allow',
    Principal: { Service: POD_IDENTITY_PRINCIPAL },
    Action: ['sts:AssumeRole', 'sts:TagSession'],
    Condition: {
      StringEquals: {
        'aws:RequestTag/eks-cluster-name': clusterName,
        'aws:RequestTag/kubernetes-namespace': namespace,
        'aws:RequestTag/kubernetes-service-account': serviceAccount,
      },
    },
  });
}

/**
 * Trust policy for IRSA (IAM roles for service accounts), for clusters without the Pod Identity
 * agent. `oidcProviderArn` is the cluster's IAM OIDC provider; `oidcIssuer` its issuer host and path
 * (without `https://`).
 */
export function irsaTrustPolicy(oidcProviderArn: string, oidcIssuer: string, namespace: string, serviceAccount: string): PolicyDocument {
  return policyDocument({
    Sid: 'AllowIrsa',
    Effect: 'Allow',
    Principal: { Federated: oidcProviderArn },
    Action: 'sts:AssumeRoleWithWebIdentity',
    Condition: {
      StringEquals: {
        [`${oidcIssuer}:sub`]: `system:serviceaccount:${namespace}:${serviceAccount}`,
        [`${oidcIssuer}:aud`]: 'sts.amazonaws.com',
      },
    },
  });
}
