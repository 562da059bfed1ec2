/**
 * The pull request of issue 22 on the real reference stacks: the prod VPC CIDR changes
 * (10.50.0.0/16 → 10.60.0.0/16), the system node type is bumped and a GPU limit raised. Terraform
 * replaces the VPC and its subnets, and with them everything that reads their ids through a
 * replacement-forcing attribute; the review must say so as danger items, never as in-place updates.
 */
import { prod } from '../../stacks/config/prod';
import { renderReviewMarkdown } from '../../src/review/render-markdown';
import { PlanReview, reviewPlan } from '../../src/review/review';
import { prodBase, synthMlopsPlatform } from './reference-prod';

let review: PlanReview;
let md: string;
beforeAll(() => {
  const head = synthMlopsPlatform({ ...prod, vpcCidr: '10.60.0.0/16', systemInstanceTypes: ['m7i.2xlarge'], gpuLimits: { ...prod.gpuLimits, inference: 24 } }, 'head');
  review = reviewPlan(prodBase().out, head);
  md = renderReviewMarkdown(review);
});

/** The VPC and what sits in it are in the data stack; the cluster and its nodes in the cloud stack. */
const AWS_STACKS = ['mlops-platform-prod-data', 'mlops-platform-prod-cloud'];
/** The changes of both AWS-only stacks. */
const awsChanges = () => ({ changes: review.stacks.filter((s) => AWS_STACKS.includes(s.stack)).flatMap((s) => s.changes) });

test('the VPC and its subnets are replaced, not updated', () => {
  const cloud = awsChanges();
  const kindOf = (prefix: string): string[] => [...new Set(cloud.changes.filter((c) => c.address.startsWith(prefix)).map((c) => c.kind))];
  expect(kindOf('aws_vpc.')).toEqual(['replaced']);
  expect(kindOf('aws_subnet.')).toEqual(['replaced']);
  expect(cloud.changes.filter((c) => c.type === 'aws_subnet')).toHaveLength(6);
  // what lives in the subnets and the VPC is replaced with them (cascade through vpc_id / subnet_id / subnet_ids)
  for (const prefix of ['aws_nat_gateway.', 'aws_route_table.', 'aws_route_table_association.', 'aws_security_group.', 'aws_eks_node_group.']) expect(kindOf(prefix)).toEqual(['replaced']);
  expect(review.totals.replaced).toBeGreaterThan(20);
});

test('the VPC replacement is a danger item listing its blast radius', () => {
  const vpc = review.danger.find((d) => d.category === 'replacement' && d.address.startsWith('aws_vpc.'))!;
  expect(vpc.message).toMatch(/^replaced \(`cidr_block` `10\.50\.0\.0\/16` → `10\.60\.0\.0\/16`\); blast radius: \d+ replaced with it /);
  const listed = (vpc.message.match(/`[^`]+`/g) ?? []).map((s) => s.slice(1, -1));
  const cloud = awsChanges();
  const cascaded = cloud.changes.filter((c) => c.kind === 'replaced' && c.type !== 'aws_vpc' && c.cascade?.some((x) => x.address.startsWith('aws_vpc.') || x.address.startsWith('aws_subnet.')));
  expect(cascaded.length).toBeGreaterThan(10);
  // every subnet and every resource replaced through a subnet or the VPC is named in the VPC's item
  // (those of another stack than the VPC's as `<stack>/<address>`, long ones cut with "…")
  const names = (c: { stack: string; address: string }) => listed.some((l) => {
    const own = c.stack === vpc.stack ? l : l.startsWith(`${c.stack}/`) ? l.slice(c.stack.length + 1) : undefined;
    return own !== undefined && (own === c.address || (own.endsWith('…') && c.address.startsWith(own.slice(0, -1))));
  });
  for (const c of cloud.changes.filter((x) => x.type === 'aws_subnet')) expect({ address: c.address, named: names(c) }).toEqual({ address: c.address, named: true });
  for (const c of cascaded) expect({ address: c.address, named: names(c) }).toEqual({ address: c.address, named: true });
  expect(cascaded.filter((c) => c.stack !== vpc.stack).map((c) => c.type)).toEqual(['aws_eks_node_group']);
  // the cluster moves subnets in place per the provider: listed as updated, with the warning
  expect(vpc.message).toMatch(/updated in place to use the new one \(check each can move: an EKS cluster or database cannot change VPC in place\) .*`mlops-platform-prod-cloud\/aws_eks_cluster\./);
  expect(md).toContain('#### Network, cluster or database replaced (with everything that depends on it)');
  expect(md).toMatch(/\*\*\d+ stacks \(\d+ changed, \d+ unchanged\) · \d+ to add, \d+ to change, [1-9]\d+ to replace/);
});

test('each subnet is a danger item too, and the GPU limit still is', () => {
  const subnets = review.danger.filter((d) => d.category === 'replacement' && d.address.startsWith('aws_subnet.'));
  expect(subnets).toHaveLength(6);
  for (const d of subnets) expect(d.message).toMatch(/^replaced \(`cidr_block` `10\.50\.[\d.]+\/\d+` → `10\.60\.[\d.]+\/\d+`[;)]/);
  expect(review.danger.filter((d) => d.category === 'gpu').map((d) => d.message)).toContainEqual(expect.stringContaining('GPU limit 16 → 24'));
});
