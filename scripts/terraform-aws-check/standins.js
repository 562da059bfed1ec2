// Stand-in values for the outputs a stack exports to other stacks (cdktf's `cross-stack-output-*`),
// shaped like what the AWS provider would put there, so a stack that reads them through
// `terraform_remote_state` can be planned without the producing stack having been applied
// (scripts/terraform-aws-check.sh). The outputs are read from the producing stack's synthesized JSON,
// never listed here; what this file keeps is one rule per `<resource type>.<attribute>` an output may
// reference, and a value is derived from that rule and the literals of the referenced resource's own
// configuration (bucket prefix, secret name, RDS identifier, replication group id, VPC CIDR). An
// output of a shape without a rule is an error (test/stacks/terraform-check.checks.ts runs this over
// every reference set): inventing a string would make the plan prove nothing.
// Deterministic: every generated id is a hash of the stack and resource address.
const crypto = require('crypto');

const ACCOUNT = '123456789012'; // the account the shared tool's aws_caller_identity override returns
const CROSS_STACK_OUTPUT = 'cross-stack-output-';
// terraform's id.PrefixedUniqueId (bucket_prefix, name_prefix, identifier_prefix): the prefix, a UTC
// timestamp to a ten-thousandth of a second without the dot (18 digits) and an 8-hex counter: 26 characters
const UNIQUE_SUFFIX_TIMESTAMP = '201801010000000000';
const REFERENCE = /^\$\{((?:data\.)?[a-z][a-z0-9_]*)\.([A-Za-z0-9_-]+)\.([a-z0-9_]+(?:\[0\]|\.[a-z0-9_]+)*)\}$/;

/** `n` lowercase hex characters from a hash of `seed`. */
function hex(seed, n) {
  let out = '';
  for (let i = 0; out.length < n; i++) out += crypto.createHash('sha256').update(`${seed}#${i}`).digest('hex');
  return out.slice(0, n);
}

/** A version-4 UUID made from a hash of `seed` (KMS key ids, RDS secret names, state lineage). */
function uuid(seed) {
  const h = hex(`uuid/${seed}`, 32);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** The six alphanumeric characters Secrets Manager appends to a secret's name in its ARN. */
function secretSuffix(seed) {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  return [...crypto.createHash('sha256').update(seed).digest()].slice(0, 6).map((b) => alphabet[b % alphabet.length]).join('');
}

/** `us-east-1` → `use1`, as in ElastiCache endpoint names. */
const regionCode = (region) => region.replace(/^([a-z]+)-([a-z])[a-z]*-(\d+)$/, '$1$2$3');

/** A literal string of a resource's configuration (undefined when absent or an interpolation). */
function literal(config, key) {
  const v = config?.[key];
  return typeof v === 'string' && !v.includes('${') ? v : undefined;
}

/** The configured literal name, or the name the provider generates from the literal prefix. */
function nameOf(ctx, nameKey, prefixKey) {
  const name = literal(ctx.config, nameKey);
  if (name) return name;
  const prefix = literal(ctx.config, prefixKey);
  return prefix === undefined ? undefined : `${prefix}${UNIQUE_SUFFIX_TIMESTAMP}${ctx.hex(8)}`;
}

const arn = (ctx, service, resource) => `arn:aws:${service}:${ctx.region}:${ACCOUNT}:${resource}`;
const bucketName = (ctx) => nameOf(ctx, 'bucket', 'bucket_prefix');

/**
 * One rule per `<type>.<attribute path>` a cross-stack output references (`[0]`: the first element
 * of a nested block); a rule returns undefined when the configuration lacks the literal it needs.
 * Add a rule only for an output the reference sets have, and check it with the wrapper's plan.
 */
const RULES = {
  'aws_vpc.id': (ctx) => `vpc-${ctx.hex(17)}`,
  'aws_subnet.id': (ctx) => `subnet-${ctx.hex(17)}`,
  'aws_security_group.id': (ctx) => `sg-${ctx.hex(17)}`,
  // a data.aws_vpc looked up by the id of a VPC of the same stack has that VPC's CIDR
  'data.aws_vpc.cidr_block': (ctx) => literal(ctx.referenced(ctx.config.id, 'aws_vpc')?.config, 'cidr_block'),
  'aws_kms_key.arn': (ctx) => arn(ctx, 'kms', `key/${uuid(ctx.seed)}`),
  'aws_s3_bucket.bucket': bucketName,
  'aws_s3_bucket.arn': (ctx) => (bucketName(ctx) ? `arn:aws:s3:::${bucketName(ctx)}` : undefined),
  'aws_secretsmanager_secret.arn': (ctx) => {
    const name = nameOf(ctx, 'name', 'name_prefix');
    return name ? arn(ctx, 'secretsmanager', `secret:${name}-${secretSuffix(ctx.seed)}`) : undefined;
  },
  'aws_db_instance.address': (ctx) => {
    const id = nameOf(ctx, 'identifier', 'identifier_prefix');
    return id ? `${id}.c${ctx.hex(11)}.${ctx.region}.rds.amazonaws.com` : undefined;
  },
  // the RDS-managed master password: a secret named rds!db-<uuid>
  'aws_db_instance.master_user_secret[0].secret_arn': (ctx) => arn(ctx, 'secretsmanager', `secret:rds!db-${uuid(ctx.seed)}-${secretSuffix(ctx.seed)}`),
  // a user pool id is <region>_<9 alphanumerics>
  'aws_cognito_user_pool.arn': (ctx) => arn(ctx, 'cognito-idp', `userpool/${ctx.region}_${secretSuffix(ctx.seed)}${ctx.hex(3)}`),
  // the result of an apply-time function: the JSON its handler returns. Only the front door's
  // app-client function (lambda/cognito-app-client, input with "clientName") is read by other
  // stacks: {"clientId": <an app client id, 26 lowercase alphanumerics>}
  'aws_lambda_invocation.result': (ctx) => (String(ctx.config.input ?? '').includes('"clientName"') ? JSON.stringify({ clientId: ctx.hex(26) }) : undefined),
  // the configured domain prefix, with the account the shared tool's aws_caller_identity override returns
  'aws_cognito_user_pool_domain.domain': (ctx) => {
    const domain = String(ctx.config.domain ?? '').replace(/\$\{data\.aws_caller_identity\.[A-Za-z0-9_-]+\.account_id\}/g, ACCOUNT);
    return domain && !domain.includes('${') ? domain : undefined;
  },
  // cluster mode disabled, in-transit encryption on: master.<id>.<6 chars>.<region code>.cache.amazonaws.com
  'aws_elasticache_replication_group.primary_endpoint_address': (ctx) => {
    const id = literal(ctx.config, 'replication_group_id');
    return id ? `master.${id}.${ctx.hex(6)}.${regionCode(ctx.region)}.cache.amazonaws.com` : undefined;
  },
};

/** Splits a `${type.name.attr}` expression, or returns undefined for any other shape. */
function parseReference(expression) {
  const m = typeof expression === 'string' ? REFERENCE.exec(expression) : null;
  return m ? { type: m[1], name: m[2], attr: m[3] } : undefined;
}

/** The block of `type.name` in a stack's JSON (`data.` types from `data`, others from `resource`). */
function blockOf(stackJson, type, name) {
  return type.startsWith('data.') ? stackJson.data?.[type.slice(5)]?.[name] : stackJson.resource?.[type]?.[name];
}

/** The region of a stack's (first) AWS provider block. */
function regionOf(stackName, stackJson) {
  const region = [stackJson.provider?.aws ?? []].flat()[0]?.region;
  if (typeof region !== 'string' || region.includes('${')) throw new Error(`${stackName}: no literal region in provider.aws, cannot shape stand-in ARNs`);
  return region;
}

/** The stand-in value of output `name` (`expression`) of a stack; throws when there is none. */
function standInValue(stackName, stackJson, name, expression) {
  const what = `${stackName}: output ${name} (${JSON.stringify(expression)})`;
  const ref = parseReference(expression);
  if (!ref) throw new Error(`${what} is not a single \${type.name.attribute} reference; no stand-in for it`);
  const rule = RULES[`${ref.type}.${ref.attr}`];
  if (!rule) throw new Error(`${what}: no stand-in rule for ${ref.type}.${ref.attr}; add one to scripts/terraform-aws-check/standins.js (a value of the shape the AWS provider returns) rather than guessing`);
  const config = blockOf(stackJson, ref.type, ref.name);
  if (!config) throw new Error(`${what} references ${ref.type}.${ref.name}, which the stack does not define`);
  const seed = `${stackName}/${ref.type}.${ref.name}`;
  /** The referenced block of a `${type.name.attr}` expression of the same stack, if of type `type`. */
  const referenced = (expr, type) => {
    const r = parseReference(expr);
    return r && r.type === type ? { ...r, config: blockOf(stackJson, r.type, r.name) } : undefined;
  };
  const value = rule({ config, seed, region: regionOf(stackName, stackJson), hex: (n) => hex(seed, n), referenced });
  if (value === undefined) throw new Error(`${what}: the rule for ${ref.type}.${ref.attr} needs a literal in ${ref.type}.${ref.name} that it does not have`);
  if (typeof value !== 'string') throw new Error(`${what}: the rule for ${ref.type}.${ref.attr} returned ${JSON.stringify(value)}; stand-ins are strings (standInOutputs types them so)`);
  return value;
}

/**
 * Stand-in values for every cross-stack output of a synthesized stack: output name →
 * `{ value, type, sensitive }` as a state file records outputs. Throws, naming the output, for one
 * without a stand-in.
 */
function standInOutputs(stackName, stackJson) {
  const outputs = {};
  for (const [name, output] of Object.entries(stackJson.output ?? {}).sort(([a], [b]) => a.localeCompare(b))) {
    if (!name.startsWith(CROSS_STACK_OUTPUT)) continue;
    outputs[name] = { value: standInValue(stackName, stackJson, name, output.value), type: 'string', sensitive: output.sensitive === true };
  }
  return outputs;
}

/** A Terraform state (format version 4) holding only `outputs`, as a `local` backend writes it. */
function stateFile(stackName, outputs) {
  return { version: 4, terraform_version: '1.11.0', serial: 1, lineage: uuid(`lineage/${stackName}`), outputs, resources: [], check_results: null };
}

module.exports = { ACCOUNT, RULES, parseReference, standInOutputs, stateFile };
