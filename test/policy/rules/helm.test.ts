import { helmLiteralSecret } from '../../../src/policy/rules/k8s/helm-literal-secret';
import { k8sHostNamespaces } from '../../../src/policy/rules/k8s/k8s-host-namespaces';
import { k8sImagePinned } from '../../../src/policy/rules/k8s/k8s-image-pinned';
import { k8sNoPrivilegeEscalation } from '../../../src/policy/rules/k8s/k8s-no-privilege-escalation';
import { k8sNotPrivileged } from '../../../src/policy/rules/k8s/k8s-not-privileged';
import { k8sResources } from '../../../src/policy/rules/k8s/k8s-resources';
import { k8sRunAsNonRoot } from '../../../src/policy/rules/k8s/k8s-run-as-non-root';
import { helmValues } from '../../../src/synth/helm-values';
import { expectCompliant, expectFinding, helmRelease, resource, unknownMsg } from '../helpers';

/** Values the way the library writes them: explicit, secure, secrets by reference. */
const secureValues = {
  image: { repository: 'ghcr.io/org/app', tag: 'v1.2.3' },
  resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { memory: '256Mi' } },
  podSecurityContext: { runAsNonRoot: true, runAsUser: 1000 },
  securityContext: { allowPrivilegeEscalation: false, privileged: false, capabilities: { drop: ['ALL'] } },
  auth: { existingSecret: 'db-credentials', existingSecretPasswordKey: 'password' },
  env: [{ name: 'DB_PASSWORD', valueFrom: { secretKeyRef: { name: 'db', key: 'password' } } }, { name: 'LOG_LEVEL', value: 'info' }],
  rbac: { rules: [{ resources: ['pods'], verbs: ['get'] }] },
  tokenPath: '/var/run/secrets/token',
  adminPassword: '{{ .Values.global.password }}',
};

describe('Helm values (best effort)', () => {
  it.each([k8sResources, k8sRunAsNonRoot, k8sNoPrivilegeEscalation, k8sNotPrivileged, k8sHostNamespaces, k8sImagePinned, helmLiteralSecret])('$id passes the library-style values', (rule) => {
    expectCompliant(rule, helmRelease(secureValues));
  });

  it.each([
    [k8sResources, { controller: { resources: { limits: { memory: '1Gi' } } } }, 'values.controller.resources = {"limits":{"memory":"1Gi"}} does not set requests.cpu, requests.memory'],
    [k8sResources, { resources: {} }, 'values.resources = {} does not set requests.cpu, requests.memory, limits.memory'],
    [k8sRunAsNonRoot, { podSecurityContext: { runAsNonRoot: false }, securityContext: { runAsUser: 0 } }, 'values.podSecurityContext.runAsNonRoot = false; values.securityContext.runAsUser = 0 (root)'],
    [k8sNoPrivilegeEscalation, { securityContext: { allowPrivilegeEscalation: true } }, 'values.securityContext.allowPrivilegeEscalation = true'],
    [k8sNotPrivileged, { daemonset: { securityContext: { privileged: true } } }, 'values.daemonset.securityContext.privileged = true'],
    [k8sHostNamespaces, { hostNetwork: true, exporter: { hostPID: true } }, 'values.exporter.hostPID = true; values.hostNetwork = true'],
    [k8sImagePinned, { image: { repository: 'qdrant/qdrant', tag: 'latest' }, sidecar: { image: 'busybox' } }, 'values.image.tag = "latest"; values.sidecar.image = "busybox" has no tag'],
    [helmLiteralSecret, { auth: { password: 'hunter22', existingSecret: '' }, env: [{ name: 'API_TOKEN', value: 'abc123' }], minio: { secretKey: 'minio123' } }, 'values.auth.password is a literal secret; values.env[0].value (env API_TOKEN) is a literal secret; values.minio.secretKey is a literal secret'],
  ] as const)('%#: flags explicit insecure values', (rule, values, message) => expectFinding(rule, helmRelease(values), message));

  it('unknown images and resources in values are findings, never a silent pass', () => {
    expectFinding(k8sImagePinned, helmRelease({ sidecar: { image: '${var.sidecar_image}' } }), 'values.sidecar.image = "${var.sidecar_image}" is not known at synth; this check needs a concrete value');
    expectFinding(k8sResources, helmRelease({ controller: { resources: '${var.resources}' } }), 'values.controller.resources = "${var.resources}" is not known at synth; this check needs a concrete value');
  });

  it('k8s-resources leaves PersistentVolumeClaim sizes alone, but not a container next to them', () => {
    const pvc = { storageSpec: { volumeClaimTemplate: { spec: { resources: { requests: { storage: '50Gi' } } } } } };
    expectCompliant(k8sResources, helmRelease({ prometheus: { prometheusSpec: pvc } }));
    expectFinding(k8sResources, helmRelease({ prometheus: { prometheusSpec: { ...pvc, resources: { requests: { storage: '1Gi' } } } } }), 'values.prometheus.prometheusSpec.resources = {"requests":{"storage":"1Gi"}} does not set requests.cpu, requests.memory, limits.memory');
  });

  it('reads set entries on top of values', () => {
    const r = resource('helm_release', {
      name: 'x',
      namespace: 'ns',
      chart: 'c',
      values: ['a: 1\n'],
      set: [{ name: 'controller.securityContext.privileged', value: 'true' }],
      set_sensitive: [{ name: 'auth.password', value: 'hunter22' }],
    });
    expect(helmValues(r)).toEqual({ a: 1, controller: { securityContext: { privileged: true } }, auth: { password: 'hunter22' } });
    expectFinding(k8sNotPrivileged, r, 'values.controller.securityContext.privileged = true');
    expectFinding(helmLiteralSecret, r, 'values.auth.password is a literal secret');
  });

  it('flags a literal repository_password', () => {
    expectFinding(helmLiteralSecret, helmRelease({}, { repository_password: 'p4ss' }), 'repository_password is a literal');
  });

  it('treats values that are not literal YAML mappings as unknown', () => {
    const r = resource('helm_release', { name: 'x', namespace: 'ns', chart: 'c', values: ['${templatefile("v.yaml", {})}'] });
    expectFinding(helmLiteralSecret, r, unknownMsg('values', '${templatefile("v.yaml", {})}').replace('"${templatefile(\\"v.yaml\\", {})}"', '["${templatefile(\\"v.yaml\\", {})}"]'));
    expectFinding(k8sNotPrivileged, r, unknownMsg('values', '${templatefile("v.yaml", {})}').replace('"${templatefile(\\"v.yaml\\", {})}"', '["${templatefile(\\"v.yaml\\", {})}"]'));
  });
});
