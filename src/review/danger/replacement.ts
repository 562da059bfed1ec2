/**
 * Danger: a VPC, subnet, route table, NAT gateway, security group, cluster, node group or database
 * replaced — or possibly replaced — with its whole blast radius: what is replaced with it (the
 * cascade), what is updated to point at the new one, and the stacks whose providers are configured
 * from it.
 */
import { CascadeResult, cascadeKey } from '../cascade';
import { formatList, formatValue } from '../format';
import { statefulType } from '../stateful';
import { DangerItem, ResourceChange } from '../types';
import { DangerContext } from './context';

/** Types whose replacement takes down what runs in or on them. */
export const BLAST_TYPES: ReadonlySet<string> = new Set([
  'aws_vpc', 'aws_subnet', 'aws_route_table', 'aws_nat_gateway', 'aws_internet_gateway', 'aws_security_group', 'aws_eks_cluster', 'aws_eks_node_group',
  'aws_db_instance', 'aws_db_subnet_group', 'aws_rds_cluster', 'aws_elasticache_replication_group', 'aws_elasticache_subnet_group', 'aws_kms_key', 'kubernetes_namespace_v1',
]);

const name = (stack: string, address: string, here: string): string => (stack === here ? address : `${stack}/${address}`);

/** Why a change replaces: its own attributes, a cascade, or both. */
export function replacementReason(c: ResourceChange): string {
  const own = c.forceNew.filter((a) => !(c.cascade ?? []).some((x) => x.certain && x.attribute.replace(/\[\d+\]/g, '') === a));
  const parts: string[] = [];
  for (const attr of own) {
    const ch = c.changes.find((x) => x.path.replace(/\[\d+\]/g, '') === attr || x.path.replace(/\[\d+\]/g, '').startsWith(`${attr}.`));
    parts.push(ch ? `\`${ch.path}\` ${formatValue(ch.before)} → ${formatValue(ch.after)}` : `\`${attr}\``);
  }
  const may = (c.mayForceNew ?? []).filter((a) => !(c.cascade ?? []).some((x) => x.attribute.replace(/\[\d+\]/g, '') === a));
  if (may.length > 0) parts.push(`${formatList(may)} (not in the replacement table: may force replacement)`);
  for (const x of c.cascade ?? []) parts.push(`\`${x.attribute}\` reads ${x.certain ? 'replaced' : 'possibly replaced'} \`${name(x.stack, x.address, c.stack)}\``);
  if (c.kind === 'readdressed' && c.from) parts.push(`logical ID changed from \`${c.from.address}\``);
  return parts.join('; ');
}

/** Everything reached from one root, transitively, through the cascade causes. */
function blastRadius(root: string, changes: readonly ResourceChange[]): ResourceChange[] {
  const reached = new Set([root]);
  const out: ResourceChange[] = [];
  for (let grew = true; grew; ) {
    grew = false;
    for (const c of changes) {
      const k = cascadeKey(c.stack, c.address);
      if (reached.has(k) || !(c.cascade ?? []).some((x) => reached.has(cascadeKey(x.stack, x.address)))) continue;
      reached.add(k);
      out.push(c);
      grew = true;
    }
  }
  return out;
}

/** One danger item per replaced (or possibly replaced) root of a blast-radius type, listing its blast radius. */
export function replacementDangers(ctx: DangerContext, cascade: CascadeResult): DangerItem[] {
  const out: DangerItem[] = [];
  const replacing = ctx.changes.filter((c) => !c.block && (c.kind === 'replaced' || c.kind === 'readdressed' || (c.mayForceNew?.length ?? 0) > 0));
  for (const c of replacing) {
    const isRoot = (c.cascade ?? []).length === 0 || c.forceNew.some((a) => !(c.cascade ?? []).some((x) => x.attribute.replace(/\[\d+\]/g, '') === a));
    if (!isRoot || !BLAST_TYPES.has(c.type)) continue;
    const k = cascadeKey(c.stack, c.address);
    const radius = blastRadius(k, replacing);
    const certainly = radius.filter((x) => x.kind === 'replaced' || x.kind === 'readdressed').map((x) => name(x.stack, x.address, c.stack));
    const possibly = radius.filter((x) => x.kind !== 'replaced' && x.kind !== 'readdressed').map((x) => name(x.stack, x.address, c.stack));
    const rootKeys = [k, ...radius.map((x) => cascadeKey(x.stack, x.address))];
    const updated = [...new Set(rootKeys.flatMap((rk) => cascade.updatedBy.get(rk) ?? []).map((u) => name(u.stack, u.address, c.stack)))].filter((u) => !certainly.includes(u) && !possibly.includes(u)).sort();
    const providers = [...new Set(rootKeys.flatMap((rk) => cascade.providersFrom.get(rk) ?? []))].sort();
    // a stateful resource replaced alone is the stateful check's item
    if (statefulType(c.type) && radius.length + updated.length + providers.length === 0) continue;
    const verb = c.kind === 'replaced' || c.kind === 'readdressed' ? 'replaced' : 'may be replaced';
    const parts = [`${verb} (${replacementReason(c)})`];
    parts.push(certainly.length > 0 ? `blast radius: ${certainly.length} replaced with it ${formatList(certainly.sort(), 1000)}` : 'blast radius: nothing else replaced with it');
    if (possibly.length > 0) parts.push(`${possibly.length} may be replaced ${formatList(possibly.sort(), 1000)}`);
    if (updated.length > 0) parts.push(`${updated.length} updated in place to use the new one (check each can move: an EKS cluster or database cannot change VPC in place) ${formatList(updated, 1000)}`);
    if (providers.length > 0) parts.push(`stacks whose providers are configured from it (everything in them is re-created) ${formatList(providers, 1000)}`);
    out.push({ category: 'replacement', stack: c.stack, address: c.address, message: parts.join('; ') });
  }
  return out;
}
