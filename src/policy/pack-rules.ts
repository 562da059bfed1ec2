/**
 * The built-in packs as plain definitions (name and rules), without the {@link PolicyPack} class
 * that applies them through cdktf aspects: `cdktf-mlops check`, which only reads JSON, takes them
 * from here and loads no cdktf. pack.ts builds `FULL_PACK`, `AWS_PACK` and `K8S_PACK` from them.
 */
import { ALL_RULES, AWS_RULES, K8S_RULES } from './rules';
import { PolicyPackDefinition } from './types';

/** The built-in packs by name (`check --pack <name>`). */
export const PACK_DEFINITIONS = {
  /** Every rule. */
  full: { name: 'full', rules: ALL_RULES },
  /** The AWS rules (EKS, EC2 and EC2NodeClass, security groups, IAM, S3, RDS, ElastiCache, SQS, KMS, Secrets Manager, logs). */
  aws: { name: 'aws', rules: AWS_RULES },
  /** The Kubernetes rules (workloads, manifests, Helm values, Secrets). */
  k8s: { name: 'k8s', rules: K8S_RULES },
} as const satisfies Record<string, PolicyPackDefinition>;
