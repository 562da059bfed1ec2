/** The shape of an on-demand price table (one region, USD). */

/** Units prices are quoted in. */
export type PriceUnit = 'hour' | 'month' | 'GB-month';

/** One price. */
export interface Price {
  readonly usd: number;
  readonly unit: PriceUnit;
  /** True when the figure was checked against a published source (see the table's `sources`). */
  readonly verified: boolean;
}

/** A dated price table for one region. */
export interface PriceTable {
  /** AWS region, e.g. `us-east-1`. */
  readonly region: string;
  /** When the prices were collected (ISO date). */
  readonly date: string;
  /** Where they come from (documents or URLs), printed with every result. */
  readonly sources: readonly string[];
  /**
   * Prices by key: `eks:cluster-hour`, `vpc:nat-gateway-hour`, `vpc:public-ipv4-hour`,
   * `vpc:interface-endpoint-az-hour`, `elb:alb-hour`, `elb:nlb-hour`, `elb:clb-hour`,
   * `kms:key-month`, `secretsmanager:secret-month`, `ebs:<type>-gb-month`,
   * `rds-storage:<type>-gb-month`, `ec2:<instance type>`, `rds:<instance class>`,
   * `elasticache:<node type>`.
   */
  readonly prices: Readonly<Record<string, Price>>;
}
