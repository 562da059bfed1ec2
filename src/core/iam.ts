/** Typed IAM policy documents, serialized deterministically. */

/** One IAM policy statement. */
export interface PolicyStatement {
  readonly Sid?: string;
  readonly Effect: 'Allow' | 'Deny';
  readonly Action: string | readonly string[];
  readonly Resource?: string | readonly string[];
  readonly NotResource?: string | readonly string[];
  readonly Principal?: string | Readonly<Record<string, string | readonly string[]>>;
  readonly Condition?: Readonly<Record<string, Readonly<Record<string, string | boolean | readonly string[]>>>>;
}

/** An IAM policy document. */
export interface PolicyDocument {
  readonly Version: '2012-10-17';
  readonly Statement: readonly PolicyStatement[];
}

/** Most characters (whitespace not counted) IAM accepts in a customer managed policy document. */
export const IAM_MANAGED_POLICY_MAX_CHARS = 6144;

/** Length of a policy as IAM counts it: the JSON text without whitespace outside strings. */
export function policySize(doc: PolicyDocument): number {
  return JSON.stringify(doc).length;
}

/** A policy document from statements. */
export function policyDocument(...statements: PolicyStatement[]): PolicyDocument {
  return { Version: '2012-10-17', Statement: statements };
}

/** JSON text of a policy document (Terraform tokens inside strings resolve to interpolations). */
export function policyJson(doc: PolicyDocument): string {
  return JSON.stringify(doc);
}

/** Trust policy for a role assumed by an AWS service. */
export function serviceTrustPolicy(service: string, actions: readonly string[] = ['sts:AssumeRole'], condition?: PolicyStatement['Condition']): PolicyDocument {
  return policyDocument({
    Effect: 'Allow',
    Principal: { Service: service },
    Action: actions.length === 1 ? actions[0] : actions,
    ...(condition ? { Condition: condition } : {}),
  });
}

/** The statement that denies every request to a resource not made over TLS. */
export function denyInsecureTransport(resources: readonly string[], action = '*'): PolicyStatement {
  return {
    Sid: 'DenyInsecureTransport',
    Effect: 'Deny',
    Principal: '*',
    Action: action,
    Resource: resources,
    Condition: { Bool: { 'aws:SecureTransport': 'false' } },
  };
}

/** Managed policy ARN in the partition (`arn:${partition}:iam::aws:policy/<name>`). */
export function awsManagedPolicyArn(name: string, partition = 'aws'): string {
  return `arn:${partition}:iam::aws:policy/${name}`;
}
