import { parse } from 'yaml';
import { allStrings } from './fixtures';
import { secretsScenario } from './scenario';

/** Attributes that would put a secret value into the plan and the state. */
const PERSISTED_SECRET_ATTRIBUTES = new Set(['secret_string', 'secret_binary', 'password', 'master_password', 'auth_token', 'set_sensitive']);
const SENSITIVE_KEY = /(pass|secret|token|credential|private[-_]?key|api[-_]?key)/i;

describe('no secret value in the synthesized JSON', () => {
  const scenario = secretsScenario();
  const stacks = { cloud: scenario.cloud, platform: scenario.platform, workloads: scenario.workloads };

  test('every string across the three stacks: generated values only as references inside write-only arguments', () => {
    const offenders: string[] = [];
    for (const [name, json] of Object.entries(stacks)) {
      for (const { path, value } of allStrings(json)) {
        const key = path.split('.').pop()!.replace(/\[\d+\]$/, '');
        if (PERSISTED_SECRET_ATTRIBUTES.has(key)) offenders.push(`${name}: ${path} is a persisted secret attribute`);
        const mentionsGenerated = value.includes('.random_password') || value.includes('ephemeral.');
        if (mentionsGenerated && !/\.secret_string_wo$/.test(path)) offenders.push(`${name}: ${path} references an ephemeral value outside a write-only argument`);
      }
    }
    expect(offenders).toEqual([]);
  });

  test('the write-only expressions are exactly references (no literal value)', () => {
    const versions = scenario.cloud.resource!.aws_secretsmanager_secret_version;
    expect(Object.values(versions).map((v: any) => v.secret_string_wo)).toEqual([
      '${jsonencode({"username" = "mlflow", "password" = ephemeral.aws_secretsmanager_random_password.mlflow-db_random-password_6ADC6A19.random_password})}',
      '${ephemeral.aws_secretsmanager_random_password.qdrant-key_random-password_B51A2742.random_password}',
    ]);
  });

  test('Helm values set no key that looks like a secret', () => {
    const found: string[] = [];
    const walk = (v: unknown, p: string): void => {
      if (v && typeof v === 'object') for (const [k, c] of Object.entries(v)) walk(c, p ? `${p}.${k}` : k);
      else if (SENSITIVE_KEY.test(p.split('.').pop() ?? '')) found.push(p);
    };
    for (const r of Object.values(scenario.platform.resource!.helm_release)) for (const v of (r as any).values) walk(parse(v), '');
    expect(found).toEqual([]);
  });

  test('ExternalSecrets carry only names and ARNs, never values', () => {
    const manifests = Object.values(scenario.workloads.resource!.kubernetes_manifest).map((r: any) => r.manifest);
    const keys = manifests.flatMap((m) => [...(m.spec.data ?? []).map((d: any) => d.remoteRef.key), ...(m.spec.dataFrom ?? []).map((d: any) => d.extract.key)]);
    // The RDS-managed secret is read by ARN (a reference to the cloud stack; `cdktf synth` turns it
    // into a cross-stack output, the test helper leaves the reference as is).
    expect(keys).toEqual(['mlops/dev/mlflow/db', 'mlops/dev/qdrant/api-key', '${aws_secretsmanager_secret.rds-managed.arn}']);
  });

  test('synthesis is deterministic (nothing is generated at synth time)', () => {
    const again = secretsScenario();
    expect(JSON.stringify([again.cloud, again.platform, again.workloads])).toBe(JSON.stringify([scenario.cloud, scenario.platform, scenario.workloads]));
  });
});
