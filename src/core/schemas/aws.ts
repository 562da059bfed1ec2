/**
 * AWS identifiers: region, availability zone, account id, KMS key ARN, IPv4 CIDR, S3 bucket name,
 * CloudWatch Logs retention.
 */
import { z } from 'zod';

/** Region names: `us-east-1`, `us-gov-west-1`, `cn-north-1`, `us-isob-east-1`, `eusc-de-east-1`. */
const REGION = /^[a-z]{2,4}(-[a-z]+)?-[a-z]+-\d{1,2}$/;
/** Availability zone names: the region and a letter. */
const AVAILABILITY_ZONE = /^([a-z]{2,4}(-[a-z]+)?-[a-z]+-\d{1,2})[a-z]$/;

/** The region of an availability zone name (`us-east-1a` → `us-east-1`), or undefined. */
export function regionOfZone(zone: string): string | undefined {
  return AVAILABILITY_ZONE.exec(zone)?.[1];
}

/** Retention periods CloudWatch Logs accepts, in days. */
export const LOG_RETENTION_DAYS = [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653] as const;

/** True for a syntactically valid IPv4 CIDR whose address has no bits set past the prefix. */
export function isIpv4Cidr(value: string): boolean {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/.exec(value);
  if (!m) return false;
  const octets = m.slice(1, 5).map(Number);
  const prefix = Number(m[5]);
  if (octets.some((o) => o > 255) || prefix > 32) return false;
  const ip = ipv4ToInt(octets);
  const mask = prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
  return (ip & mask) >>> 0 === ip;
}

function ipv4ToInt(octets: readonly number[]): number {
  return ((octets[0] << 24) | (octets[1] << 16) | (octets[2] << 8) | octets[3]) >>> 0;
}

/** Splits `cidr` into 2^newBits subnets and returns the `index`-th (like Terraform's cidrsubnet). */
export function cidrSubnet(cidr: string, newBits: number, index: number): string {
  const [addr, prefixText] = cidr.split('/');
  const prefix = Number(prefixText);
  const newPrefix = prefix + newBits;
  if (newPrefix > 32 || index >= 2 ** newBits || index < 0) {
    throw new Error(`cidrSubnet: ${cidr} has no subnet ${index} at /${newPrefix}`);
  }
  const base = ipv4ToInt(addr.split('.').map(Number));
  const ip = (base + index * 2 ** (32 - newPrefix)) >>> 0;
  return `${[24, 16, 8, 0].map((s) => (ip >>> s) & 255).join('.')}/${newPrefix}`;
}

/** Blocks that are never reachable over the internet (RFC 1918 private, RFC 6598 shared, loopback, link-local). */
const NON_PUBLIC_BLOCKS = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', '100.64.0.0/10', '127.0.0.0/8', '169.254.0.0/16'];

/** The non-public block (`10.0.0.0/8`, …) that overlaps `cidr`, or undefined when it is all public. */
export function nonPublicBlockOf(cidr: string): string | undefined {
  return NON_PUBLIC_BLOCKS.find((block) => cidrsOverlap(block, cidr));
}

/** True when two IPv4 CIDRs share an address. */
export function cidrsOverlap(a: string, b: string): boolean {
  const range = (c: string): [number, number] => {
    const [addr, prefix] = c.split('/');
    const start = ipv4ToInt(addr.split('.').map(Number));
    return [start, start + 2 ** (32 - Number(prefix)) - 1];
  };
  const [a0, a1] = range(a);
  const [b0, b1] = range(b);
  return a0 <= b1 && b0 <= a1;
}

/** What is wrong with an S3 bucket name (the S3 naming rules for general purpose buckets), or undefined. */
export function bucketNameProblem(name: string): string | undefined {
  if (/^s3a?:\/\//.test(name) || name.startsWith('arn:')) {
    const bare = name
      .replace(/^s3a?:\/\//, '')
      .replace(/^arn:aws[a-z-]*:s3:::/, '')
      .split('/')[0];
    return `is an S3 URI or ARN, not a bucket name; give the bucket name only, e.g. "${bare}"`;
  }
  if (name.length < 3 || name.length > 63) return 'is not 3 to 63 characters long; S3 bucket names are 3-63 characters';
  if (!/^[a-z0-9][a-z0-9.-]*[a-z0-9]$/.test(name)) return 'is not an S3 bucket name; use lowercase letters, digits, "-" and ".", starting and ending with a letter or digit';
  if (name.includes('..') || /^\d+\.\d+\.\d+\.\d+$/.test(name)) return 'is not an S3 bucket name; no ".." and not an IP address';
  if (/^(xn--|sthree-|amzn-s3-demo-)/.test(name) || /(-s3alias|--ol-s3|\.mrap|--x-s3|--table-s3)$/.test(name)) {
    return 'uses a prefix or suffix S3 reserves (xn--, sthree-, amzn-s3-demo-, -s3alias, --ol-s3, .mrap, --x-s3, --table-s3); choose another name';
  }
  return undefined;
}

/** Zod schemas of AWS identifiers. */
export const awsSchemas = {
  /** An AWS region name, e.g. `us-east-1`. */
  region: () => z.string().regex(REGION, { message: 'is not an AWS region; use e.g. "us-east-1"' }),
  /** A prefix of Secrets Manager secret names, e.g. `mlops/dev` (the library appends `/<component>/…`). */
  secretsPrefix: () =>
    z.string().regex(/^[A-Za-z0-9/_+=.@-]{1,400}$/, { message: 'is not a Secrets Manager name prefix; use 1-400 letters, digits and /_+=.@-, e.g. "mlops/dev"' }),
  /** An availability zone name, e.g. `us-east-1a`. */
  availabilityZone: () => z.string().regex(AVAILABILITY_ZONE, { message: 'is not an availability zone name; use e.g. "us-east-1a"' }),
  /** An EKS cluster name (1-100 letters, digits, `-` and `_`, starting with a letter or digit). */
  eksClusterName: () =>
    z
      .string()
      .min(1, { message: 'is empty; pass the EKS cluster name', abort: true })
      .max(100, { message: 'is longer than 100 characters; EKS cluster names are at most 100 characters' })
      .regex(/^[0-9A-Za-z][A-Za-z0-9_-]*$/, { message: 'is not a valid EKS cluster name; use letters, digits, "-" and "_", starting with a letter or digit' }),
  /** A 12-digit AWS account id. */
  accountId: () => z.string().regex(/^\d{12}$/, { message: 'is not a 12-digit AWS account id' }),
  /** The ARN of a KMS key (not an alias: IAM policies and key grants need the key's ARN). */
  kmsKeyArn: () =>
    z
      .string()
      .regex(/^arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:key\/[A-Za-z0-9-]+$/, { message: "is not a KMS key ARN; pass the key's ARN (arn:aws:kms:…:key/…)" }),
  /** An IPv4 CIDR block. */
  cidr: () => z.string().refine(isIpv4Cidr, { message: 'is not an IPv4 CIDR block; use the form a.b.c.d/n, e.g. 10.0.0.0/16' }),
  /**
   * A CIDR allowed to reach a public endpoint: not the whole internet and not a non-public range
   * (10/8, 172.16/12, 192.168/16, 100.64/10, loopback, link-local never reach a public endpoint).
   */
  publicCidr: () =>
    awsSchemas
      .cidr()
      .refine((c) => Number(c.split('/')[1]) > 0, {
        message: 'opens the Kubernetes API endpoint to the whole internet; list the CIDRs of your office, VPN or CI runners instead (or none for a private endpoint)',
      })
      .superRefine((c, ctx) => {
        const block = isIpv4Cidr(c) && Number(c.split('/')[1]) > 0 ? nonPublicBlockOf(c) : undefined;
        if (block !== undefined) {
          ctx.addIssue({
            code: 'custom',
            message: `is (or overlaps) the non-public range ${block}, which never reaches the public endpoint; list public egress CIDRs here and inside-VPC ranges in endpointPrivateAccessCidrs`,
          });
        }
      }),
  /** An IAM role or user ARN (a principal given access, e.g. an EKS access entry). */
  iamPrincipalArn: () =>
    z.string().regex(/^arn:aws[a-z-]*:(iam|sts)::\d{12}:(role|user|assumed-role)\/.+$/, { message: 'is not an IAM role or user ARN; use arn:aws:iam::<account>:role/<name>' }),
  /** An S3 bucket name (not an `s3://` URI). */
  bucketName: () =>
    z.string().superRefine((name, ctx) => {
      const message = bucketNameProblem(name);
      if (message) ctx.addIssue({ code: 'custom', message });
    }),
  /** A CloudWatch Logs retention in days. */
  logRetentionDays: () =>
    z.number().refine((d) => (LOG_RETENTION_DAYS as readonly number[]).includes(d), { message: `is not a CloudWatch Logs retention; use one of ${LOG_RETENTION_DAYS.join(', ')}` }),
};

/** Zod schemas of the front door's AWS identifiers (Route 53, ACM, WAF, Secrets Manager). */
export const awsEdgeSchemas = {
  /** A Route 53 hosted zone id, e.g. `Z0123456789ABCDEFGHIJ` (not the zone's name). */
  hostedZoneId: () => z.string().regex(/^Z[A-Z0-9]{1,31}$/, { message: 'is not a Route 53 hosted zone id; use the zone\'s id, e.g. "Z0123456789ABCDEFGHIJ" (not its name)' }),
  /** The ARN of an ACM certificate. */
  acmCertificateArn: () =>
    z.string().regex(/^arn:aws[a-z-]*:acm:[a-z0-9-]+:\d{12}:certificate\/[A-Za-z0-9-]+$/, { message: 'is not an ACM certificate ARN; use arn:aws:acm:<region>:<account>:certificate/<id>' }),
  /** The ARN of a regional AWS WAF (v2) web ACL. */
  wafv2WebAclArn: () =>
    z.string().regex(/^arn:aws[a-z-]*:wafv2:[a-z0-9-]+:\d{12}:regional\/webacl\/[A-Za-z0-9_-]+\/[a-f0-9-]+$/, { message: 'is not a regional WAFv2 web ACL ARN; use arn:aws:wafv2:<region>:<account>:regional/webacl/<name>/<id>' }),
  /** The ARN of a Secrets Manager secret. */
  secretsManagerArn: () =>
    z.string().regex(/^arn:aws[a-z-]*:secretsmanager:[a-z0-9-]+:\d{12}:secret:.+$/, { message: 'is not a Secrets Manager secret ARN; use arn:aws:secretsmanager:<region>:<account>:secret:<name>' }),
};
