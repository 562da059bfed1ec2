/**
 * Price tables from a JSON file (`--prices file.json`): other regions, negotiated rates, or
 * corrections. Format:
 *
 * ```json
 * { "region": "eu-west-1", "date": "2025-11-01", "source": "AWS price list API export",
 *   "extends": false,
 *   "prices": { "eks:cluster-hour": 0.1, "ec2:m7i.large": 0.1121, "ebs:gp3-gb-month": { "usd": 0.088 } } }
 * ```
 *
 * A file for us-east-1 (or without `region`) overrides single prices of the built-in table; a file
 * for another region starts empty (us-east-1 prices are never silently applied elsewhere) unless
 * `"extends": "us-east-1"`. Units follow the key (`…-hour`, `ec2:`/`rds:`/`elasticache:` → hour,
 * `…-gb-month` → GB-month, `…-month` → month). Prices from a file count as verified: the file is
 * the source.
 */
import * as fs from 'fs';
import { z } from 'zod';
import { strictObject } from '../../core/schemas/strict';
import { Price, PriceTable, PriceUnit } from './types';
import { US_EAST_1_PRICES } from './us-east-1';

const fileSchema = strictObject({
  region: z.string().min(1).optional(),
  date: z.string().min(1).optional(),
  source: z.string().min(1).optional(),
  extends: z.union([z.literal(false), z.literal('us-east-1')]).optional(),
  prices: z.record(z.string(), z.union([z.number().nonnegative(), strictObject({ usd: z.number().nonnegative(), verified: z.boolean().optional() })])),
});

/** The unit a price key is quoted in. */
export function unitOf(key: string): PriceUnit {
  if (key.endsWith('-gb-month')) return 'GB-month';
  if (key.endsWith('-month')) return 'month';
  return 'hour';
}

/** Applies a parsed override document to the built-in table. */
export function mergePriceTable(doc: unknown, label: string): PriceTable {
  const parsed = fileSchema.safeParse(doc);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`${label}: ${issue.path.join('.') || '(root)'} ${issue.message}; expected {"region"?, "date"?, "source"?, "prices": {"<key>": <usd> | {"usd": <usd>}}}`);
  }
  const file = parsed.data;
  const region = file.region ?? US_EAST_1_PRICES.region;
  const inherit = file.extends === 'us-east-1' || (file.extends === undefined && region === US_EAST_1_PRICES.region);
  const prices: Record<string, Price> = inherit ? { ...US_EAST_1_PRICES.prices } : {};
  for (const [key, v] of Object.entries(file.prices)) {
    const usd = typeof v === 'number' ? v : v.usd;
    const verified = typeof v === 'number' ? true : v.verified ?? true;
    prices[key] = { usd, unit: unitOf(key), verified };
  }
  const source = `${label}${file.source ? ` (${file.source})` : ''}`;
  return {
    region,
    date: file.date ?? (inherit ? US_EAST_1_PRICES.date : 'undated'),
    sources: inherit ? [source, ...US_EAST_1_PRICES.sources] : [source],
    prices,
  };
}

/** Loads a price override file; throws with a readable message. */
export function loadPriceTable(file: string): PriceTable {
  if (!fs.existsSync(file)) throw new Error(`${file} not found; pass a JSON price file to --prices`);
  let doc: unknown;
  try {
    doc = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    throw new Error(`${file} is not valid JSON: ${(e as Error).message}`);
  }
  return mergePriceTable(doc, file);
}
