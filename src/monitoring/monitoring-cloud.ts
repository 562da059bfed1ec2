/**
 * `MonitoringCloud` (cloud layer): the Grafana admin credentials as a `GeneratedSecret` — a JSON
 * value `{"admin-user": "admin", "admin-password": "<generated>"}` whose password is generated at
 * apply and never appears in the synthesized JSON, the plan or the state. `Monitoring` (platform)
 * copies it into the Kubernetes Secret Grafana reads. Operators read the password from Secrets
 * Manager.
 */
import { TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { z } from 'zod';
import { MlopsStack, requireLayer } from '../core/layers/mlops-stack';
import { Preset, presetSchema } from '../core/presets';
import { GeneratedSecret } from '../core/secrets/generated-secret';
import { validateProps } from '../core/validation';
import { Schemas } from '../core/schemas';
import { MONITORING_DEFAULTS } from './constants';

/** Props of {@link MonitoringCloud}. */
export interface MonitoringCloudProps {
  /**
   * Prefix of the secret name (`<prefix>/monitoring/grafana-admin`).
   * @default - `<project>/<environment>` of the enclosing CloudStack, else 'mlops'
   */
  readonly secretsPrefix?: string;
  /**
   * Version of the password; bump to rotate (then apply the platform layer to copy it).
   * @default 1
   */
  readonly passwordVersion?: number;
  /** @default 'prod' */
  readonly preset?: Preset;
  /**
   * Customer managed KMS key of the secret (Terraform, which copies it into the cluster, decrypts it).
   * @default - the AWS managed key aws/secretsmanager
   */
  readonly kmsKeyArn?: string;
}

const schema = Schemas.props<MonitoringCloudProps>()({
  secretsPrefix: Schemas.secretsPrefix().optional(),
  passwordVersion: z.number().int().min(1, { message: 'must be at least 1; bump it to rotate' }).optional(),
  preset: presetSchema.optional(),
  kmsKeyArn: Schemas.kmsKeyArn().optional(),
});

/** The Grafana admin secret. */
export class MonitoringCloud extends Construct {
  public readonly grafanaAdmin: GeneratedSecret;

  constructor(scope: Construct, id: string, props: MonitoringCloudProps = {}) {
    super(scope, id);
    validateProps(this, schema, props);
    requireLayer(this, ['data', 'cloud'], 'MonitoringCloud');
    const stack = TerraformStack.of(this);
    const prefix = props.secretsPrefix ?? (stack instanceof MlopsStack ? `${stack.project}/${stack.environment}` : 'mlops');
    this.grafanaAdmin = new GeneratedSecret(this, 'grafana-admin', {
      secretName: `${prefix}/${MONITORING_DEFAULTS.namespace}/${MONITORING_DEFAULTS.grafanaAdminSecretName}`,
      description: 'Grafana admin user and password',
      jsonFields: { [MONITORING_DEFAULTS.grafanaAdminUserKey]: MONITORING_DEFAULTS.grafanaAdminUser },
      passwordKey: MONITORING_DEFAULTS.grafanaAdminPasswordKey,
      version: props.passwordVersion,
      preset: props.preset,
      kmsKeyArn: props.kmsKeyArn,
    });
  }
}
