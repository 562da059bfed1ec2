import { k8sDefaultNamespace } from '../../../src/policy/rules/k8s/k8s-default-namespace';
import { k8sEnvLiteralSecret } from '../../../src/policy/rules/k8s/k8s-env-literal-secret';
import { k8sHostNamespaces } from '../../../src/policy/rules/k8s/k8s-host-namespaces';
import { k8sImagePinned } from '../../../src/policy/rules/k8s/k8s-image-pinned';
import { k8sNoPrivilegeEscalation } from '../../../src/policy/rules/k8s/k8s-no-privilege-escalation';
import { k8sNotPrivileged } from '../../../src/policy/rules/k8s/k8s-not-privileged';
import { k8sResources } from '../../../src/policy/rules/k8s/k8s-resources';
import { k8sRunAsNonRoot } from '../../../src/policy/rules/k8s/k8s-run-as-non-root';
import { k8sSecretLiteral } from '../../../src/policy/rules/k8s/k8s-secret-literal';
import { expectCompliant, expectFinding, expectNotApplicable, manifest, resource } from '../helpers';

/** A secure container in the kubernetes provider's shape. */
const tfContainer = (extra: Record<string, unknown> = {}) => ({
  name: 'app',
  image: 'ghcr.io/org/app:1.2.3',
  resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { memory: '256Mi' } },
  security_context: { run_as_non_root: true, allow_privilege_escalation: false },
  ...extra,
});
const deployment = (container: Record<string, unknown>, podSpec: Record<string, unknown> = {}) =>
  resource('kubernetes_deployment_v1', { metadata: { name: 'app', namespace: 'apps' }, spec: { template: { spec: { container: [container], ...podSpec } } } });
const cronJob = (container: Record<string, unknown>) =>
  resource('kubernetes_cron_job_v1', { metadata: { name: 'job', namespace: 'apps' }, spec: { schedule: '@daily', job_template: { spec: { template: { spec: { container: [container] } } } } } });

/** A secure container in Kubernetes' shape. */
const k8sContainer = (extra: Record<string, unknown> = {}) => ({
  name: 'app',
  image: 'ghcr.io/org/app@sha256:' + 'a'.repeat(64),
  resources: { requests: { cpu: '1', memory: '1Gi' }, limits: { memory: '1Gi' } },
  securityContext: { runAsNonRoot: true, allowPrivilegeEscalation: false },
  ...extra,
});
const deploymentManifest = (container: Record<string, unknown>, podSpec: Record<string, unknown> = {}) =>
  manifest({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'app', namespace: 'apps' }, spec: { template: { spec: { containers: [container], ...podSpec } } } });

const secure = [
  ['kubernetes_deployment_v1', deployment(tfContainer())],
  ['kubernetes_cron_job_v1', cronJob(tfContainer())],
  ['Deployment manifest', deploymentManifest(k8sContainer())],
] as const;

describe.each([k8sResources, k8sRunAsNonRoot, k8sNoPrivilegeEscalation, k8sNotPrivileged, k8sHostNamespaces, k8sImagePinned])('$id', (rule) => {
  it.each(secure)('passes: %s', (_name, r) => expectCompliant(rule, r));
  it('does not apply to custom resources', () => expectNotApplicable(rule, manifest({ apiVersion: 'karpenter.sh/v1', kind: 'NodePool', spec: {} })));
});

describe('k8s-resources', () => {
  it.each([
    ['no resources', deployment(tfContainer({ resources: undefined })), 'container "app" does not set resources requests.cpu, requests.memory, limits.memory'],
    ['no memory limit', deploymentManifest(k8sContainer({ resources: { requests: { cpu: '1', memory: '1Gi' } } })), 'container "app" does not set resources limits.memory'],
    ['init container', deploymentManifest(k8sContainer(), { initContainers: [k8sContainer({ name: 'init', resources: { limits: { memory: '1Gi' } } })] }), 'init container "init" does not set resources requests.cpu, requests.memory'],
    ['unknown at synth', deploymentManifest(k8sContainer({ resources: '${var.resources}' })), 'container "app": resources = "${var.resources}" is not known at synth; this check needs a concrete value'],
  ])('fails: %s', (_name, r, message) => expectFinding(k8sResources, r, message));
});

describe('k8s-run-as-non-root', () => {
  it.each([
    ['pod-level runAsNonRoot', deploymentManifest(k8sContainer({ securityContext: { allowPrivilegeEscalation: false } }), { securityContext: { runAsNonRoot: true } })],
    ['runAsUser above 0', deployment(tfContainer({ security_context: { run_as_user: '1000', allow_privilege_escalation: false } }))],
  ])('passes: %s', (_name, r) => expectCompliant(k8sRunAsNonRoot, r));
  it.each([
    ['unset', deployment(tfContainer({ security_context: { allow_privilege_escalation: false } })), 'container "app" may run as root: neither it nor the pod sets run_as_non_root true or a run_as_user above 0'],
    ['container overrides the pod', deploymentManifest(k8sContainer({ securityContext: { runAsNonRoot: false } }), { securityContext: { runAsNonRoot: true } }), 'container "app" sets runAsNonRoot false'],
    ['uid 0', deploymentManifest(k8sContainer({ securityContext: { runAsUser: 0 } })), 'container "app" sets runAsUser 0 (root)'],
    ['unknown', deployment(tfContainer({ security_context: { run_as_non_root: '${var.nonroot}' } })), 'container "app": run_as_non_root/run_as_user is not known at synth; this check needs a concrete value'],
  ])('fails: %s', (_name, r, message) => expectFinding(k8sRunAsNonRoot, r, message));
});

describe('k8s-no-privilege-escalation', () => {
  it.each([
    ['unset', deploymentManifest(k8sContainer({ securityContext: { runAsNonRoot: true } })), 'container "app" does not set allowPrivilegeEscalation false'],
    ['true (terraform)', cronJob(tfContainer({ security_context: [{ allow_privilege_escalation: true }] })), 'container "app" does not set allow_privilege_escalation false'],
  ])('fails: %s', (_name, r, message) => expectFinding(k8sNoPrivilegeEscalation, r, message));
});

describe('k8s-not-privileged', () => {
  it('fails for a privileged container', () => {
    expectFinding(k8sNotPrivileged, deployment(tfContainer({ security_context: { privileged: true, run_as_non_root: true } })), 'container "app" is privileged');
  });
});

describe('k8s-host-namespaces', () => {
  it.each([
    ['hostNetwork', deploymentManifest(k8sContainer(), { hostNetwork: true }), 'the pod sets hostNetwork true'],
    ['host_pid and host_ipc', deployment(tfContainer(), { host_pid: true, host_ipc: true }), 'the pod sets host_pid true; the pod sets host_ipc true'],
  ])('fails: %s', (_name, r, message) => expectFinding(k8sHostNamespaces, r, message));
});

describe('k8s-image-pinned', () => {
  it.each([
    ['latest', deployment(tfContainer({ image: 'nginx:latest' })), 'container "app" image "nginx:latest" uses the tag "latest"'],
    ['no tag (registry with port)', deploymentManifest(k8sContainer({ image: 'registry.local:5000/team/app' })), 'container "app" image "registry.local:5000/team/app" has no tag'],
    ['unknown', deployment(tfContainer({ image: '${var.image}' })), 'container "app": image = "${var.image}" is not known at synth; this check needs a concrete value'],
  ])('fails: %s', (_name, r, message) => expectFinding(k8sImagePinned, r, message));

  const isvc = (model: Record<string, unknown>) =>
    manifest({ apiVersion: 'serving.kserve.io/v1beta1', kind: 'InferenceService', metadata: { name: 'm', namespace: 'ml' }, spec: { predictor: { model: { modelFormat: { name: 'sklearn' }, ...model } } } });
  it('covers the model server image of an InferenceService', () => {
    expectFinding(k8sImagePinned, isvc({ image: 'kserve/sklearnserver:latest' }), 'spec.predictor.model image "kserve/sklearnserver:latest" uses the tag "latest"');
    expectFinding(k8sImagePinned, isvc({ image: 'kserve/sklearnserver' }), 'spec.predictor.model image "kserve/sklearnserver" has no tag');
    expectCompliant(k8sImagePinned, isvc({ image: 'kserve/sklearnserver:v0.20.0' }));
    expectNotApplicable(k8sImagePinned, isvc({}));
  });
});

describe('k8s-env-literal-secret', () => {
  it.each([
    ['a secret reference and plain settings', deploymentManifest(k8sContainer({ env: [{ name: 'LOG_LEVEL', value: 'info' }, { name: 'HF_TOKEN', valueFrom: { secretKeyRef: { name: 'hf', key: 'HF_TOKEN' } } }] }))],
    ['a Terraform reference', deployment(tfContainer({ env: [{ name: 'DB_PASSWORD', value: '${aws_db_instance.db.password}' }] }))],
  ])('passes: %s', (_name, r) => expectCompliant(k8sEnvLiteralSecret, r));
  it.each([
    ['a token in a manifest', deploymentManifest(k8sContainer({ env: [{ name: 'HF_TOKEN', value: 'hf_abc' }] })), 'container "app" env HF_TOKEN is a literal credential (its name says it is a credential)'],
    ['a URL with a password', deployment(tfContainer({ env: [{ name: 'DATABASE_URL', value: 'postgresql://u:p4ss@db:5432/x' }] })), 'container "app" env DATABASE_URL is a literal credential (it is a URL with a password)'],
  ])('fails: %s', (_name, r, message) => expectFinding(k8sEnvLiteralSecret, r, message));
});

describe('k8s-default-namespace', () => {
  it.each([
    ['named namespace', deployment(tfContainer())],
    ['namespace reference', resource('kubernetes_service_v1', { metadata: { name: 's', namespace: '${kubernetes_namespace_v1.ns.metadata[0].name}' } })],
    ['helm release', resource('helm_release', { name: 'x', chart: 'c', namespace: 'monitoring' })],
  ])('passes: %s', (_name, r) => expectCompliant(k8sDefaultNamespace, r));
  it('does not apply to cluster-scoped kinds', () => expectNotApplicable(k8sDefaultNamespace, manifest({ apiVersion: 'karpenter.k8s.aws/v1', kind: 'EC2NodeClass', metadata: { name: 'x' } })));
  it.each([
    ['no namespace', resource('kubernetes_deployment_v1', { metadata: { name: 'app' }, spec: { template: { spec: { container: [tfContainer()] } } } }), 'metadata.namespace is not set, so the object lands in the "default" namespace'],
    ['explicit default', resource('kubernetes_config_map_v1', { metadata: { name: 'c', namespace: 'default' } }), 'metadata.namespace is "default"'],
    ['manifest', manifest({ apiVersion: 'monitoring.coreos.com/v1', kind: 'PrometheusRule', metadata: { name: 'r' } }), 'manifest.metadata.namespace is not set, so the object lands in the "default" namespace'],
    ['helm release', resource('helm_release', { name: 'x', chart: 'c' }), 'namespace is not set, so the object lands in the "default" namespace'],
  ])('fails: %s', (_name, r, message) => expectFinding(k8sDefaultNamespace, r, message));
});

describe('k8s-secret-literal', () => {
  it.each([
    ['references', resource('kubernetes_secret_v1', { metadata: { name: 's', namespace: 'a' }, data: { password: '${random_password.p.result}' } })],
    ['empty', resource('kubernetes_secret_v1', { metadata: { name: 's', namespace: 'a' } })],
  ])('passes: %s', (_name, r) => expectCompliant(k8sSecretLiteral, r));
  it('does not apply to ConfigMap manifests', () => expectNotApplicable(k8sSecretLiteral, manifest({ apiVersion: 'v1', kind: 'ConfigMap', data: { a: 'b' } })));
  it.each([
    ['data and data_wo', resource('kubernetes_secret_v1', { metadata: { name: 's' }, data: { user: 'admin', password: 'hunter22' }, data_wo: { token: 't0k3n' } }), 'data["password"] is a literal; data["user"] is a literal; data_wo["token"] is a literal'],
    ['manifest stringData', manifest({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' }, stringData: { apiKey: 'abc' } }), 'manifest.stringData["apiKey"] is a literal'],
  ])('fails: %s', (_name, r, message) => expectFinding(k8sSecretLiteral, r, message));
});

describe('pod templates inside custom resources (best effort)', () => {
  const scaledJob = (container: Record<string, unknown>) =>
    manifest({ apiVersion: 'keda.sh/v1alpha1', kind: 'ScaledJob', metadata: { name: 'j', namespace: 'apps' }, spec: { jobTargetRef: { template: { spec: { containers: [container] } } } } });
  it('passes a secure ScaledJob template', () => expectCompliant(k8sNoPrivilegeEscalation, scaledJob(k8sContainer())));
  it('reports the path of the pod template', () => {
    expectFinding(k8sImagePinned, scaledJob(k8sContainer({ image: 'worker:latest' })), 'spec.jobTargetRef.template.spec: container "app" image "worker:latest" uses the tag "latest"');
    const isvc = manifest({ apiVersion: 'serving.kserve.io/v1beta1', kind: 'InferenceService', metadata: { name: 'm', namespace: 'ml' }, spec: { predictor: { containers: [k8sContainer({ resources: {} })] } } });
    expectFinding(k8sResources, isvc, 'spec.predictor: container "app" does not set resources requests.cpu, requests.memory, limits.memory');
  });
});
