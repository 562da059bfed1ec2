/**
 * `GeneratedSecret` (data layer): an AWS Secrets Manager secret whose value Terraform generates and
 * writes without ever holding it in the synthesized JSON, the plan or the state.
 *
 * How: the ephemeral resource `aws_secretsmanager_random_password` asks Secrets Manager's
 * `GetRandomPassword` for a value during apply; the value goes only to the write-only argument
 * `aws_secretsmanager_secret_version.secret_string_wo`. Terraform stores neither (ephemeral values
 * are never persisted; write-only arguments are sent to the provider and dropped). It writes the
 * value again only when `secret_string_wo_version` changes — bump {@link GeneratedSecretProps.version}
 * to rotate. Needs Terraform ≥ 1.11 (write-only arguments); the construct adds
 * `terraform.required_version` to its stack so older binaries fail early instead of storing the
 * value.
 *
 * A JSON-shaped value (`{"username": "admin", "password": "<generated>"}`) is built with
 * `jsonencode` inside the write-only expression, so it stays out of the state as well.
 *
 * Why not `random_password` + `secret_string`: the password would sit in plain text in the state
 * (and the `random` provider adds a dependency). Why not `aws_secretsmanager_secret` with
 * rotation: no generator is built in for arbitrary secrets; rotation Lambdas are per engine.
 *
 * @see https://developer.hashicorp.com/terraform/language/manage-sensitive-data/write-only
 * @see https://registry.terraform.io/providers/hashicorp/aws/latest/docs/ephemeral-resources/secretsmanager_random_password
 */
import { Fn, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { z } from 'zod';
import { dataScope } from '../layers/data-scope';
import { requireLayer } from '../layers/mlops-stack';
import { AwsSecretsmanagerSecret, AwsSecretsmanagerSecretVersion } from '../resources/aws-secretsmanager-secret';
import { byPreset, Preset, presetSchema } from '../presets';
import { Schemas } from '../schemas';
import { failProp, validateProps } from '../validation';
import { RANDOM_PASSWORD_EPHEMERAL_TYPE, SECRET_VERSION_EPHEMERAL_TYPE, WRITE_ONLY_TERRAFORM_VERSION } from './constants';
import { EphemeralResource } from './ephemeral-resource';
import { checkSecretKeys } from './secret-keys';
import { ISecretsManagerSecret } from './secret-source';
import { withDefaults } from '../merge';

/** How the random value is generated (arguments of `GetRandomPassword`). */
export interface PasswordOptions {
  /**
   * Length of the value.
   * @default 32
   */
  readonly length?: number;
  /**
   * Leave out punctuation. On by default: the value can then go into URLs, DSNs and shell
   * commands without escaping; 32 letters and digits are ~190 bits.
   * @default true
   */
  readonly excludePunctuation?: boolean;
  /**
   * Leave out uppercase letters (with `excludeCharacters: 'ghijklmnopqrstuvwxyz'` and punctuation
   * left out, the value is hexadecimal).
   * @default false
   */
  readonly excludeUppercase?: boolean;
  /**
   * Characters to leave out.
   * @default - none
   */
  readonly excludeCharacters?: string;
  /**
   * Require at least one character of each included type.
   * @default true
   */
  readonly requireEachIncludedType?: boolean;
}

/** Defaults of {@link PasswordOptions}. */
export const DEFAULT_PASSWORD_OPTIONS = { length: 32, excludePunctuation: true, requireEachIncludedType: true } as const;

/** Recovery window (days) of a deleted secret by preset. */
export const SECRET_RECOVERY_WINDOW_DAYS = { dev: 7, prod: 30 } as const;

/** Props of {@link GeneratedSecret}. */
export interface GeneratedSecretProps {
  /**
   * Name of the secret in Secrets Manager, e.g. `mlops/dev/mlflow/db`. Must be unique in the
   * account and region; a deleted name stays reserved for the recovery window.
   */
  readonly secretName: string;
  /**
   * Description of the secret.
   * @default - none
   */
  readonly description?: string;
  /**
   * ARN of a customer managed KMS key to encrypt the secret with.
   * @default - the AWS managed key `aws/secretsmanager`
   */
  readonly kmsKeyArn?: string;
  /**
   * Shape of the value: without `jsonFields` and `passwordKey` it is the generated string itself;
   * with either, a JSON object of `jsonFields` plus `{[passwordKey]: <generated>}`. The fields are
   * **not secret** (username, host, port, database): they are literals in the synthesized JSON, so
   * keys that look like secrets (`password`, `token`, `apiKey`, …) are refused.
   * @default - a plain string
   */
  readonly jsonFields?: Readonly<Record<string, string>>;
  /**
   * JSON property that holds the generated value (turns on the JSON shape).
   * @default 'password' when `jsonFields` is given
   */
  readonly passwordKey?: string;
  /** How the value is generated. @default DEFAULT_PASSWORD_OPTIONS */
  readonly password?: PasswordOptions;
  /**
   * Version of the value: Terraform writes a newly generated value whenever this number changes.
   * Bump it to rotate (consumers that synced the old value pick up the new one at their next
   * refresh).
   * @default 1
   */
  readonly version?: number;
  /** `dev` or `prod`. @default 'prod' */
  readonly preset?: Preset;
  /**
   * Days Secrets Manager keeps a deleted secret recoverable (7–30).
   * @default 7 for dev, 30 for prod
   */
  readonly recoveryWindowInDays?: number;
  /**
   * `lifecycle.prevent_destroy` on the secret.
   * @default true for prod, false for dev
   */
  readonly preventDestroy?: boolean;
}

/** Names of JSON fields that would hold a secret: such values must be generated, never literals. */
export const SECRET_LIKE_KEY = /(pass|secret|token|credential|private[-_]?key|api[-_]?key)/i;

const jsonKey = Schemas.secretKey();

const schema = Schemas.props<GeneratedSecretProps>()({
  secretName: z.string().regex(/^[A-Za-z0-9/_+=.@-]{1,512}$/, {
    message: 'is not a Secrets Manager secret name; use 1-512 letters, digits and /_+=.@-',
  }),
  description: z.string().max(2048).optional(),
  kmsKeyArn: Schemas.kmsKeyArn().optional(),
  jsonFields: z.record(z.string(), z.string()).optional(),
  passwordKey: jsonKey.optional(),
  password: Schemas.object({
      length: z.number().int().min(16, { message: 'is under 16 characters; generate at least 16' }).max(4096, { message: 'is over 4096, the Secrets Manager limit' }).optional(),
      excludePunctuation: z.boolean().optional(),
      excludeUppercase: z.boolean().optional(),
      excludeCharacters: z.string().optional(),
      requireEachIncludedType: z.boolean().optional(),
    })
    .optional(),
  version: z.number().int({ message: 'must be a whole number; bump it by 1 to rotate' }).min(1, { message: 'must be at least 1; start at 1 and bump to rotate' }).optional(),
  preset: presetSchema.optional(),
  recoveryWindowInDays: z.number().int().min(7, { message: 'is under 7 days, the shortest recovery window; use 7–30' }).max(30, { message: 'is over 30 days, the longest recovery window; use 7–30' }).optional(),
  preventDestroy: z.boolean().optional(),
});

/**
 * Schema of a prop that takes a plain-string {@link GeneratedSecret} (no `jsonFields`/`passwordKey`),
 * e.g. a Redis password; `use` ends the error message ("…; <use>").
 */
export function plainGeneratedSecretSchema(use: string) {
  return z.custom<GeneratedSecret>((v) => v instanceof GeneratedSecret && v.jsonKeys === undefined, {
    message: `must be a plain-string GeneratedSecret (no jsonFields/passwordKey); ${use}`,
  });
}

/** A Secrets Manager secret with a generated value that never enters JSON, plan or state. */
export class GeneratedSecret extends Construct implements ISecretsManagerSecret {
  /** The `aws_secretsmanager_secret`. */
  public readonly secret: AwsSecretsmanagerSecret;
  /** The `aws_secretsmanager_secret_version` with the write-only value. */
  public readonly secretVersion: AwsSecretsmanagerSecretVersion;
  /** The ephemeral `aws_secretsmanager_random_password`. */
  public readonly randomPassword: EphemeralResource;
  /** ARN of the secret. */
  public readonly secretArn: string;
  /** Name of the secret. */
  public readonly secretName: string;
  /** The name: External Secrets Operator reads the secret by name (known at synth time). */
  public readonly remoteKey: string;
  /** Customer managed KMS key, or undefined for `aws/secretsmanager`. */
  public readonly kmsKeyArn?: string;
  /** Sorted JSON property names, or undefined for a plain string value. */
  public readonly jsonKeys?: readonly string[];
  /** The JSON property holding the generated value, or undefined for a plain string value. */
  public readonly passwordKey?: string;
  /** The value version (`secret_string_wo_version`); pass it as `*_wo_version` of consumers. */
  public readonly version: number;
  private readback?: EphemeralResource;

  constructor(scope: Construct, id: string, props: GeneratedSecretProps) {
    super(scope, id);
    validateProps(this, schema, props);
    requireLayer(this, ['data', 'cloud'], 'GeneratedSecret');
    checkSecretKeys(this, 'jsonFields', props.jsonFields);
    for (const [key, value] of Object.entries(props.jsonFields ?? {})) {
      if (SECRET_LIKE_KEY.test(key)) {
        failProp(this, `jsonFields.${key}`, value, 'looks like a secret, and jsonFields are literals in the synthesized JSON; let the construct generate it (passwordKey) or store it with another GeneratedSecret');
      }
    }
    const passwordKey = props.passwordKey ?? (props.jsonFields ? 'password' : undefined);
    if (passwordKey !== undefined && props.jsonFields && passwordKey in props.jsonFields) {
      failProp(this, `jsonFields.${passwordKey}`, props.jsonFields[passwordKey], `collides with the generated "${passwordKey}"; remove it from jsonFields or choose another passwordKey`);
    }
    const preset = props.preset;
    this.secretName = props.secretName;
    this.remoteKey = props.secretName;
    this.kmsKeyArn = props.kmsKeyArn;
    this.passwordKey = passwordKey;
    this.version = props.version ?? 1;
    this.jsonKeys = passwordKey === undefined ? undefined : [...Object.keys(props.jsonFields ?? {}), passwordKey].sort();

    // In a CloudStack with a data stack, the secret and its value live there (dataScope).
    const data = dataScope(this);
    this.secret = new AwsSecretsmanagerSecret(data, 'secret', {
      name: props.secretName,
      description: props.description,
      kmsKeyId: props.kmsKeyArn,
      recoveryWindowInDays: props.recoveryWindowInDays ?? byPreset(preset, SECRET_RECOVERY_WINDOW_DAYS),
      lifecycle: { preventDestroy: props.preventDestroy ?? byPreset(preset, { dev: false, prod: true }) },
    });
    this.secretArn = this.secret.arn;

    const pw: PasswordOptions = withDefaults<PasswordOptions>(DEFAULT_PASSWORD_OPTIONS, props.password);
    this.randomPassword = new EphemeralResource(data, 'random-password', {
      type: RANDOM_PASSWORD_EPHEMERAL_TYPE,
      config: {
        password_length: pw.length,
        exclude_punctuation: pw.excludePunctuation,
        require_each_included_type: pw.requireEachIncludedType,
        ...(pw.excludeUppercase ? { exclude_uppercase: true } : {}),
        ...(pw.excludeCharacters !== undefined ? { exclude_characters: pw.excludeCharacters } : {}),
      },
    });
    const generated = this.randomPassword.attribute('random_password');
    this.secretVersion = new AwsSecretsmanagerSecretVersion(data, 'value', {
      secretId: this.secret.id,
      secretStringWo: passwordKey === undefined ? generated : Fn.jsonencode({ ...props.jsonFields, [passwordKey]: generated }),
      secretStringWoVersion: this.version,
    });
    TerraformStack.of(data).addOverride('terraform.required_version', WRITE_ONLY_TERRAFORM_VERSION);
  }

  /**
   * The current value, read back through the ephemeral `aws_secretsmanager_secret_version` (pinned
   * to the version this construct wrote), for a consumer's **write-only** argument in the stack
   * that holds the secret (the data stack, when the cloud stack has one: `dataScope`) — e.g. `aws_db_instance.password_wo` with `password_wo_version: secret.version`. For a
   * JSON secret pass `key` to get one property. Terraform rejects ephemeral values anywhere else.
   */
  public writeOnlyValue(key?: string): string {
    if (key !== undefined && !(this.jsonKeys ?? []).includes(key)) {
      failProp(this, 'writeOnlyValue(key)', key, `is not a property of this secret (${(this.jsonKeys ?? []).join(', ') || 'a plain string'}); pass one of its keys or no key`);
    }
    if (!this.readback) {
      this.readback = new EphemeralResource(dataScope(this), 'readback', {
        type: SECRET_VERSION_EPHEMERAL_TYPE,
        config: { secret_id: this.secret.id, version_id: this.secretVersion.versionId },
      });
    }
    const value = this.readback.attribute('secret_string');
    return key === undefined ? value : Fn.lookup(Fn.jsondecode(value), key);
  }
}
