/**
 * Deploy-time wiring of the reference stack sets (test/helpers/wiring), run by
 * reference-stacks.test.ts on the output it synthesized: every set is wired right, and each check
 * fails on a seeded mistake of its kind, made in a copy of the synthesized JSON of one set.
 */
import { parse, stringify } from 'yaml';
import { checkWiring, readSets, SetJson } from '../helpers/wiring';
import { TfJson } from '../helpers/synth';

/** The resource of `type` whose construct path ends with `suffix`, in a stack's JSON. */
function at(json: TfJson, type: string, suffix: string): any {
  const found = Object.values(json.resource?.[type] ?? {}).filter((r: any) => String(r['//']?.metadata?.path ?? '').endsWith(suffix));
  if (found.length !== 1) throw new Error(`expected one ${type} at …${suffix}, found ${found.length}`);
  return found[0];
}

/** A Helm release's first values document, edited. */
function editValues(release: any, edit: (values: any) => void): void {
  const values = parse(release.values[0]);
  edit(values);
  release.values = [stringify(values)];
}

type Layers = { cloud: TfJson; platform: TfJson; workloads: TfJson };

export function describeWiring(outdir: string): void {
  const sets = readSets(outdir);

  describe('deploy-time wiring (test/helpers/wiring)', () => {
    test('every reference set is wired: namespaces, scraped ports, Pod Identity service accounts, Secrets and keys', () => {
      expect(sets.map((s) => s.name)).toHaveLength(6);
      for (const set of sets) {
        const { secretKeysUnchecked, ...problems } = checkWiring(set);
        expect({ set: set.name, ...problems }).toEqual({ set: set.name, namespaces: [], monitors: [], identities: [], secrets: [] });
        // Only keys of ExternalSecrets that extract a whole JSON secret (dataFrom) are unknown statically.
        expect(secretKeysUnchecked).toBeLessThanOrEqual(11);
      }
    });

    const base = sets.find((s) => s.name === 'mlops-platform-dev')!;
    /** checkWiring of a copy of mlops-platform-dev with `mistake` applied. */
    const seeded = (mistake: (stacks: Layers) => void) => {
      const copy: SetJson = structuredClone(base);
      const layer = (l: string) => copy.stacks.find((s) => s.name.endsWith(`-${l}`))!.json;
      const [cloud, platform, workloads] = ['cloud', 'platform', 'workloads'].map(layer);
      mistake({ cloud, platform, workloads });
      return checkWiring(copy);
    };

    test('namespaces: an object without a dependency path to its namespace in the same stack, in a namespace created later, or nowhere', () => {
      const report = seeded(({ platform, workloads }) => {
        delete at(platform, 'kubernetes_service_v1', 'drift/evidently/service').depends_on;
        workloads.resource!.kubernetes_namespace_v1 = { late: { metadata: { name: 'late' } } };
        at(platform, 'kubernetes_config_map_v1', 'gpu-dashboard/dashboard').metadata.namespace = 'late';
        at(platform, 'kubernetes_service_v1', 'drift/pushgateway/service').metadata.namespace = 'nowhere';
      });
      expect(report.namespaces).toHaveLength(3);
      expect(report.namespaces).toEqual(expect.arrayContaining([
        expect.stringMatching(/kubernetes_config_map_v1\.gpu-dashboard_\w+ \(ConfigMap late\/mlops-gpu-dashboard\): namespace "late" is created later, by mlops-platform-dev-workloads kubernetes_namespace_v1\.late$/),
        expect.stringMatching(/kubernetes_service_v1\.drift_evidently_service_\w+ \(Service mlops-drift\/evidently\): no dependency path to kubernetes_namespace_v1\.drift_namespace_\w+, which creates namespace "mlops-drift"/),
        expect.stringMatching(/kubernetes_service_v1\.drift_pushgateway_service_\w+ \(Service nowhere\/pushgateway\): no stack of the set creates namespace "nowhere"$/),
      ]));
    });

    test('monitors: a predictor that declares no port (the KServe runtimes declare none), a Service port or container port renamed, proxy metrics off', () => {
      const report = seeded(({ workloads, platform }) => {
        for (const isvc of ['sklearn/inference-service', 'sklearn/canary', 'llm/inference-service', 'llm/canary']) delete at(workloads, 'kubernetes_manifest', isvc).manifest.spec.predictor.model.ports;
        at(workloads, 'kubernetes_manifest', 'platform-monitors/feast').manifest.spec.endpoints[0].port = 'http-metrics';
        at(platform, 'kubernetes_deployment_v1', 'drift/pushgateway/deployment').spec.template.spec.container[0].port[0].name = 'web';
        for (const proxy of ['serving-gateway/envoy-proxy', 'llm-gateway-proxy/envoy-proxy']) at(workloads, 'kubernetes_manifest', proxy).manifest.spec.telemetry = { metrics: { prometheus: { disable: true } } };
      });
      expect(report.monitors).toHaveLength(4);
      expect(report.monitors).toEqual(expect.arrayContaining([
        expect.stringMatching(/\(PodMonitor monitoring\/envoy-gateway-proxies\): endpoint 0 scrapes portNumber 19001, which none of the 2 selected pod\(s\) declares \(declared: readiness:19003, aigw-admin:1064 from .*; readiness:19003 from /),
        expect.stringMatching(/\(PodMonitor monitoring\/kserve-model-servers\): endpoint 0 scrapes portNumber 8080, which none of the 4 selected pod\(s\) declares \(declared: none from /),
        expect.stringMatching(/\(ServiceMonitor monitoring\/feast-feature-server\): endpoint 0 scrapes port "http-metrics", which none of the selected Services has \(feast\/feast-online: http:80, metrics:8000\)$/),
        expect.stringMatching(/\(ServiceMonitor mlops-drift\/pushgateway\): endpoint 0: Service\(s\) mlops-drift\/pushgateway select no pod that serves port "http" \(no endpoints\)$/),
      ]));
    });

    test('monitors: in Knative mode the revision declares the user port (8080 by default), so predictors are scraped with or without a declared port', () => {
      const knative = (keepPorts: boolean) =>
        seeded(({ workloads }) => {
          for (const isvc of ['sklearn/inference-service', 'sklearn/canary', 'llm/inference-service', 'llm/canary']) {
            const m = at(workloads, 'kubernetes_manifest', isvc).manifest;
            m.metadata.annotations['serving.kserve.io/deploymentMode'] = 'Knative';
            if (!keepPorts) delete m.spec.predictor.model.ports;
            else m.spec.predictor.model.ports[0].containerPort = 9000;
          }
        }).monitors;
      expect(knative(false)).toEqual([]);
      // The declared port is what Knative exposes: one on 9000 is not scraped on 8080.
      expect(knative(true)).toEqual([expect.stringMatching(/kserve-model-servers\): endpoint 0 scrapes portNumber 8080, .*declared: user-port:9000 from .*Knative revision/)]);
    });

    test('monitors: the AI gateway external processor exists only on the proxies of a Gateway an AIGatewayRoute is attached to', () => {
      const report = seeded(({ workloads }) => {
        at(workloads, 'kubernetes_manifest', 'llm-gateway/route').manifest.spec.parentRefs[0].name = 'serving';
      });
      expect(report.monitors).toEqual([
        expect.stringMatching(/\(PodMonitor monitoring\/ai-gateway-llm\): endpoint 0 scrapes port "aigw-admin", which none of the 1 selected pod\(s\) declares \(declared: metrics:19001, readiness:19003 from .*llm-gateway-proxy_gateway_\w+ \(Envoy Gateway proxy\)\)$/),
      ]);
    });

    test('monitors: a monitor that selects nothing', () => {
      const report = seeded(({ workloads }) => {
        at(workloads, 'kubernetes_manifest', 'platform-monitors/karpenter').manifest.spec.namespaceSelector.matchNames = ['karpenter'];
      });
      expect(report.monitors).toEqual([expect.stringMatching(/\(PodMonitor monitoring\/karpenter\): selects no pod of the set$/)]);
    });

    test('Pod Identity: an association for a service account nobody creates, or one a chart names differently', () => {
      const report = seeded(({ cloud, platform, workloads }) => {
        at(cloud, 'aws_eks_pod_identity_association', 'mlflow/server-role/association').service_account = 'mlflow-server';
        delete platform.resource!.kubernetes_service_account_v1[Object.keys(platform.resource!.kubernetes_service_account_v1).find((k) => k.startsWith('featurestore_service-account'))!];
        editValues(at(workloads, 'helm_release', 'vectordb/chart/release'), (v) => (v.fullnameOverride = 'vectors'));
      });
      expect(report.identities.sort()).toEqual([
        expect.stringMatching(/featurestore_role_association_\w+: ServiceAccount feast\/feast is created by no stack of the set and no chart it installs$/),
        expect.stringMatching(/mlflow_server-role_association_\w+: ServiceAccount mlflow\/mlflow-server is created by no stack/),
        expect.stringMatching(/vectordb_server-role_association_\w+: ServiceAccount vectordb\/qdrant is created by no stack/),
      ]);
    });

    test('Secrets: a wrong key, a Secret no ExternalSecret produces, one produced in another namespace, a chart pointed at a missing key', () => {
      const report = seeded(({ platform, workloads }) => {
        const env = at(workloads, 'kubernetes_cron_job_v1', 'featurestore/materialization/cron-job').spec.job_template.spec.template.spec.container[0].env;
        env.find((e: any) => e.name === 'FEAST_REDIS_PASSWORD').value_from.secret_key_ref.key = 'passwd';
        at(workloads, 'kubernetes_manifest', 'vectordb/credentials/external-secret').manifest.metadata.namespace = 'models';
        at(workloads, 'kubernetes_manifest', 'pipeline-mlflow-credentials/external-secret').manifest.spec.target.name = 'mlflow-creds';
        editValues(at(platform, 'helm_release', 'monitoring/chart/release'), (v) => (v.grafana.admin.passwordKey = 'password'));
        editValues(at(workloads, 'helm_release', 'langfuse/chart/release'), (v) => (v.redis.auth.existingSecretPasswordKey = 'auth-token'));
      });
      const secrets = report.secrets.join('\n');
      expect(secrets).toMatch(/featurestore_materialization_cron-job_\w+ \(CronJob feast\/feast-materialize\) secretKeyRef: Secret feast\/feast-redis-auth \(from .*\) has no key "passwd" \(keys: password\)/);
      expect(secrets).toMatch(/vectordb_chart_release_\w+ \(HelmRelease vectordb\/qdrant\) values secretKeyRef: Secret vectordb\/qdrant-api-keys is produced by no ExternalSecret or Secret/);
      expect(secrets).toMatch(/vectordb_snapshot_cron-job_\w+ .* secretKeyRef: Secret vectordb\/qdrant-api-keys is produced by no/);
      expect(secrets).toMatch(/churn-pipeline_workflow-template_\w+ \(WorkflowTemplate ml-pipelines\/churn\) envFrom\.secretRef: Secret ml-pipelines\/mlflow-credentials is produced by no/);
      expect(secrets).toMatch(/monitoring_chart_release_\w+ \(HelmRelease monitoring\/kube-prometheus-stack\) values grafana\.admin\.passwordKey: Secret monitoring\/grafana-admin .* has no key "password" \(keys: admin-password, admin-user\)/);
      expect(secrets).toMatch(/langfuse_chart_release_\w+ \(HelmRelease langfuse\/langfuse\) values redis\.auth\.existingSecretPasswordKey: Secret langfuse\/langfuse-redis .* has no key "auth-token" \(keys: password\)/);
      expect(report.namespaces).toEqual([]);
    });
  });
}
