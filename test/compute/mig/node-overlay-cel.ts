/**
 * The CEL rules (`x-kubernetes-validations`) of Karpenter v1.14.1's NodeOverlay CRD, re-implemented
 * for tests (ajv does not evaluate CEL). The contract test checks that this list is exactly the CRD's.
 */

const CAPACITY_RESTRICTED = ['cpu', 'memory', 'ephemeral-storage', 'pods'];
const AWS_ALLOWED = [
  'karpenter.k8s.aws/ec2nodeclass',
  'karpenter.k8s.aws/instance-encryption-in-transit-supported',
  'karpenter.k8s.aws/instance-category',
  'karpenter.k8s.aws/instance-hypervisor',
  'karpenter.k8s.aws/instance-family',
  'karpenter.k8s.aws/instance-generation',
  'karpenter.k8s.aws/instance-local-nvme',
  'karpenter.k8s.aws/instance-size',
  'karpenter.k8s.aws/instance-cpu',
  'karpenter.k8s.aws/instance-cpu-manufacturer',
  'karpenter.k8s.aws/instance-cpu-sustained-clock-speed-mhz',
  'karpenter.k8s.aws/instance-memory',
  'karpenter.k8s.aws/instance-ebs-bandwidth',
  'karpenter.k8s.aws/instance-network-bandwidth',
  'karpenter.k8s.aws/instance-gpu-name',
  'karpenter.k8s.aws/instance-gpu-manufacturer',
  'karpenter.k8s.aws/instance-gpu-count',
  'karpenter.k8s.aws/instance-gpu-memory',
  'karpenter.k8s.aws/instance-accelerator-name',
  'karpenter.k8s.aws/instance-accelerator-manufacturer',
  'karpenter.k8s.aws/instance-accelerator-count',
  'karpenter.k8s.aws/instance-capability-flex',
];

interface Requirement {
  key: string;
  operator: string;
  values?: string[];
}

const domain = (key: string): string => /^([^/]+)/.exec(key)?.[1] ?? '';

/** Messages of the CEL rules, as in the CRD, with their checks. */
export const NODE_OVERLAY_CEL_RULES: ReadonlyArray<{ message: string; check: (spec: any) => boolean }> = [
  { message: 'invalid resource restricted', check: (spec) => Object.keys(spec.capacity ?? {}).every((k) => !CAPACITY_RESTRICTED.includes(k)) },
  {
    message: 'label domain "karpenter.sh" is restricted',
    check: (spec) => (spec.requirements as Requirement[]).every((r) => ['karpenter.sh/capacity-type', 'karpenter.sh/nodepool'].includes(r.key) || !domain(r.key).endsWith('karpenter.sh')),
  },
  { message: 'label "kubernetes.io/hostname" is restricted', check: (spec) => (spec.requirements as Requirement[]).every((r) => r.key !== 'kubernetes.io/hostname') },
  {
    message: 'label domain "karpenter.k8s.aws" is restricted',
    check: (spec) => (spec.requirements as Requirement[]).every((r) => AWS_ALLOWED.includes(r.key) || !domain(r.key).endsWith('karpenter.k8s.aws')),
  },
  { message: "requirements with operator 'NotIn' must have a value defined", check: (spec) => (spec.requirements as Requirement[]).every((r) => r.operator !== 'NotIn' || (r.values ?? []).length !== 0) },
  { message: "requirements with operator 'In' must have a value defined", check: (spec) => (spec.requirements as Requirement[]).every((r) => r.operator !== 'In' || (r.values ?? []).length !== 0) },
  {
    message: "requirements operator 'Gt', 'Lt', 'Gte' or 'Lte' must have a single positive integer value",
    check: (spec) =>
      (spec.requirements as Requirement[]).every((r) => !['Gt', 'Lt', 'Gte', 'Lte'].includes(r.operator) || ((r.values ?? []).length === 1 && Number.parseInt(r.values![0], 10) >= 0)),
  },
  { message: "cannot set both 'price' and 'priceAdjustment'", check: (spec) => !('price' in spec) || !('priceAdjustment' in spec) },
];

/** Messages of the rules a NodeOverlay spec breaks. */
export function celViolations(spec: any): string[] {
  return NODE_OVERLAY_CEL_RULES.filter((r) => !r.check(spec)).map((r) => r.message);
}
