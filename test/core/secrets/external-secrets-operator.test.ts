import { parse } from 'yaml';
import { ExternalSecretsAccess, ExternalSecretsOperator } from '../../../src/core/secrets';
import { cloudStack, onlyResource, platformStack, synth, testApp } from '../../helpers/synth';

const SECURITY_CONTEXT = {
  enabled: true,
  allowPrivilegeEscalation: false,
  capabilities: { drop: ['ALL'] },
  readOnlyRootFilesystem: true,
  runAsNonRoot: true,
  runAsUser: 1000,
  seccompProfile: { type: 'RuntimeDefault' },
};
// Linux always: the images are Linux-only (src/core/labels.ts systemNodeSelector)
const SYSTEM = { 'kubernetes.io/os': 'linux', 'mlops.cdktf.io/node-role': 'system' };

function release(props: ConstructorParameters<typeof ExternalSecretsOperator>[2] = {}) {
  const stack = platformStack();
  const eso = new ExternalSecretsOperator(stack, 'eso', props);
  const r = onlyResource(synth(stack), 'helm_release');
  return { eso, r, values: parse(r.values[0]) };
}

describe('ExternalSecretsOperator', () => {
  test('pinned chart 2.9.0 in its namespace', () => {
    const { r, eso } = release();
    const { values: _v, '//': _m, ...rest } = r;
    expect(rest).toEqual({
      name: 'external-secrets',
      namespace: 'external-secrets',
      create_namespace: true,
      repository: 'https://charts.external-secrets.io',
      chart: 'external-secrets',
      version: '2.9.0',
      timeout: 600,
      wait: true,
      atomic: false,
      cleanup_on_fail: true,
      max_history: 10,
    });
    expect(eso.namespace).toBe('external-secrets');
    expect(eso.serviceAccount).toBe('external-secrets');
  });

  test('prod values: HA, CRDs, system nodes, requests/limits, locked-down security contexts', () => {
    expect(release().values).toEqual({
      installCRDs: true,
      replicaCount: 2,
      leaderElect: true,
      serviceAccount: { create: true, name: 'external-secrets' },
      podDisruptionBudget: { enabled: true, minAvailable: 1 },
      nodeSelector: SYSTEM,
      resources: { requests: { cpu: '50m', memory: '128Mi' }, limits: { cpu: '500m', memory: '256Mi' } },
      podSecurityContext: { enabled: true },
      securityContext: SECURITY_CONTEXT,
      webhook: {
        replicaCount: 2,
        podDisruptionBudget: { enabled: true, minAvailable: 1 },
        nodeSelector: SYSTEM,
        resources: { requests: { cpu: '20m', memory: '64Mi' }, limits: { cpu: '200m', memory: '128Mi' } },
        podSecurityContext: { enabled: true },
        securityContext: SECURITY_CONTEXT,
      },
      certController: {
        replicaCount: 1,
        nodeSelector: SYSTEM,
        resources: { requests: { cpu: '20m', memory: '64Mi' }, limits: { cpu: '200m', memory: '256Mi' } },
        podSecurityContext: { enabled: true },
        securityContext: SECURITY_CONTEXT,
      },
    });
  });

  test('dev: one replica, no leader election, no PDB', () => {
    const { values } = release({ preset: 'dev' });
    expect([values.replicaCount, values.leaderElect, values.podDisruptionBudget, values.webhook.replicaCount, values.webhook.podDisruptionBudget]).toEqual([
      1,
      false,
      { enabled: false, minAvailable: 1 },
      1,
      { enabled: false, minAvailable: 1 },
    ]);
  });

  test('takes namespace and service account from ExternalSecretsAccess; overrides deep-merge', () => {
    const app = testApp();
    const access = new ExternalSecretsAccess(cloudStack(app), 'access', { clusterName: 'c', namespace: 'eso', serviceAccount: 'eso-controller' });
    const stack = platformStack(app);
    new ExternalSecretsOperator(stack, 'eso', { access, overrides: { log: { level: 'debug' } }, nodeSelector: { pool: 'ops' } });
    const r = onlyResource(synth(stack), 'helm_release');
    const values = parse(r.values[0]);
    expect(r.namespace).toBe('eso');
    expect(values.serviceAccount).toEqual({ create: true, name: 'eso-controller' });
    expect(values.log).toEqual({ level: 'debug' });
    expect([values.nodeSelector, values.webhook.nodeSelector, values.certController.nodeSelector]).toEqual([{ 'kubernetes.io/os': 'linux', pool: 'ops' }, { 'kubernetes.io/os': 'linux', pool: 'ops' }, { 'kubernetes.io/os': 'linux', pool: 'ops' }]);
  });

  test('values YAML has no anchors or aliases', () => {
    expect(release().r.values[0]).not.toMatch(/[&*][a-z]\d/);
  });

  test('belongs in the platform layer', () => {
    expect(() => new ExternalSecretsOperator(cloudStack(), 'eso')).toThrow(
      'test-cloud/eso: ExternalSecretsOperator belongs in the platform layer but was created in cloud stack "test-cloud"',
    );
  });

  test('bad access names', () => {
    expect(() => new ExternalSecretsOperator(platformStack(), 'eso', { access: { namespace: 'Bad', serviceAccount: 'ok' } })).toThrow(
      'test-platform/eso: access.namespace = "Bad" is not a DNS-1123 label',
    );
  });
});
