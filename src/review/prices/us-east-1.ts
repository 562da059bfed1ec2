/**
 * On-demand prices in us-east-1 (US East, N. Virginia), Linux, USD, for the resources this
 * library creates. `verified: true` marks figures checked on 2026-11-23 against the sources below;
 * every other figure is the list price as known to the authors and is printed as unverified — check
 * https://aws.amazon.com/pricing/ and override with `--prices file.json` before relying on it.
 *
 * RDS instance prices are PostgreSQL single-AZ (Multi-AZ is modelled as 2×); ElastiCache prices
 * are Redis/Valkey OSS node-hours.
 */
import { Price, PriceTable } from './types';

const hour = (usd: number, verified = false): Price => ({ usd, unit: 'hour', verified });
const month = (usd: number, verified = false): Price => ({ usd, unit: 'month', verified });
const gbMonth = (usd: number, verified = false): Price => ({ usd, unit: 'GB-month', verified });

function sizes(prefix: string, family: string, table: Record<string, number>, verified: readonly string[] = []): Record<string, Price> {
  return Object.fromEntries(Object.entries(table).map(([size, usd]) => [`${prefix}:${family}.${size}`, hour(usd, verified.includes(size))]));
}

/** The default price table. */
export const US_EAST_1_PRICES: PriceTable = {
  region: 'us-east-1',
  date: '2026-11-23',
  sources: [
    'AWS Containers blog "Amazon EKS extended support for Kubernetes versions pricing" (EKS $0.10/cluster-hour standard support)',
    'AWS VPC pricing as quoted by basavytix.com/blog/aws-nat-gateway-pricing and cloudburn.io/blog/aws-nat-gateway-pricing (NAT $0.045/h, public IPv4 $0.005/h)',
    'egresscost.com/nat-gateway (interface endpoint $7.20/AZ-month = $0.01/AZ-hour)',
    'infratally.com/articles/aws-rds-pricing-explained-2026.html (db.t4g.micro/small/medium PostgreSQL single-AZ; Multi-AZ = 2×)',
    'usage.ai/blogs/aws/reserved-instances/rds/pricing-calculator (RDS gp3 $0.115/GB-month)',
    'factualminds.com/blog/amazon-ec2-on-demand-pricing-instance-families-2026 (g5.xlarge $1.006/h)',
    'P family (unverified): list prices after AWS\'s June 2025 GPU price reduction as quoted in third-party sizing guides dated June 2026 (p5.4xlarge $6.88/h = 1/8 of p5.48xlarge $55.04/h, p5en.48xlarge $74.69/h, p6-b200.48xlarge $113.93/h); estimates without a quoted figure: p4de.24xlarge = 1.25 × p4d.24xlarge (their ratio before the reduction), p5e.48xlarge = p5en.48xlarge (both 8 × H200)',
    'all other figures: AWS on-demand list prices as known to the authors, unverified',
  ],
  prices: {
    'eks:cluster-hour': hour(0.1, true),
    'vpc:nat-gateway-hour': hour(0.045, true),
    'vpc:public-ipv4-hour': hour(0.005, true),
    'vpc:interface-endpoint-az-hour': hour(0.01, true),
    'elb:alb-hour': hour(0.0225),
    'elb:nlb-hour': hour(0.0225),
    'elb:clb-hour': hour(0.025),
    'kms:key-month': month(1),
    'secretsmanager:secret-month': month(0.4),
    'ebs:gp3-gb-month': gbMonth(0.08),
    'ebs:gp2-gb-month': gbMonth(0.1),
    'ebs:io1-gb-month': gbMonth(0.125),
    'ebs:io2-gb-month': gbMonth(0.125),
    'rds-storage:gp3-gb-month': gbMonth(0.115, true),
    'rds-storage:gp2-gb-month': gbMonth(0.115),
    'rds-storage:io1-gb-month': gbMonth(0.125),
    ...sizes('ec2', 'm7i', { large: 0.1008, xlarge: 0.2016, '2xlarge': 0.4032, '4xlarge': 0.8064 }),
    ...sizes('ec2', 'm6i', { large: 0.096, xlarge: 0.192, '2xlarge': 0.384 }),
    ...sizes('ec2', 'm5', { large: 0.096, xlarge: 0.192, '2xlarge': 0.384 }),
    ...sizes('ec2', 'g4dn', { xlarge: 0.526, '2xlarge': 0.752, '4xlarge': 1.204, '8xlarge': 2.176, '12xlarge': 3.912, '16xlarge': 4.352, metal: 7.824 }),
    ...sizes('ec2', 'g5', { xlarge: 1.006, '2xlarge': 1.212, '4xlarge': 1.624, '8xlarge': 2.448, '12xlarge': 5.672, '16xlarge': 4.096, '24xlarge': 8.144, '48xlarge': 16.288 }, ['xlarge']),
    ...sizes('ec2', 'g6', { xlarge: 0.8048, '2xlarge': 0.9776, '4xlarge': 1.3232, '8xlarge': 2.0144, '12xlarge': 4.6016, '16xlarge': 3.3968, '24xlarge': 6.6752, '48xlarge': 13.3504 }),
    ...sizes('ec2', 'g6e', { xlarge: 1.861, '2xlarge': 2.24208, '4xlarge': 3.00424, '8xlarge': 4.52856, '12xlarge': 10.49264, '16xlarge': 7.57719, '24xlarge': 15.06559, '48xlarge': 30.13118 }),
    // P-family prices after AWS's June 2025 on-demand reduction ("up to 45%"); unverified (see sources).
    // Every GPU_INSTANCE_TYPES entry has a price (test/review/cost.test.ts checks it).
    ...sizes('ec2', 'p4d', { '24xlarge': 21.96 }),
    ...sizes('ec2', 'p4de', { '24xlarge': 27.45 }),
    ...sizes('ec2', 'p5', { '4xlarge': 6.88, '48xlarge': 55.04 }),
    ...sizes('ec2', 'p5e', { '48xlarge': 74.69 }),
    ...sizes('ec2', 'p5en', { '48xlarge': 74.69 }),
    ...sizes('ec2', 'p6-b200', { '48xlarge': 113.93 }),
    ...sizes('rds', 'db.t4g', { micro: 0.016, small: 0.032, medium: 0.065, large: 0.129, xlarge: 0.258 }, ['micro', 'small', 'medium']),
    ...sizes('rds', 'db.m7g', { large: 0.168, xlarge: 0.336, '2xlarge': 0.672 }),
    ...sizes('rds', 'db.r7g', { large: 0.2394, xlarge: 0.4788, '2xlarge': 0.9576 }),
    ...sizes('rds', 'db.r6g', { large: 0.225, xlarge: 0.45 }),
    ...sizes('elasticache', 'cache.t4g', { micro: 0.016, small: 0.032, medium: 0.065 }),
    ...sizes('elasticache', 'cache.r7g', { large: 0.219, xlarge: 0.437 }),
    ...sizes('elasticache', 'cache.r6g', { large: 0.206, xlarge: 0.411 }),
  },
};
