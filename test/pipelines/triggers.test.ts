/** The triggers: schedule, new data (S3 → EventBridge → SQS → EventSource), drift (Alertmanager → webhook) and the Sensor. */
import { resourceAt, resourceList } from '../helpers/synth';
import { manifests, refOf, synthScenario } from './fixture';

const json = synthScenario();
const all = manifests(json.workloads);
const sensor = all['Sensor/churn'];

describe('EventSources', () => {
  test('schedule: a calendar source in UTC', () => {
    expect(all['EventSource/churn-schedule'].spec).toMatchObject({ eventBusName: 'default', calendar: { schedule: { schedule: '0 3 * * 1', timezone: 'Etc/UTC' } } });
  });

  test('new data: the pipeline\'s queue, JSON bodies, read as the Pod Identity service account', () => {
    const s = all['EventSource/churn-new-data'].spec;
    expect(s.sqs).toEqual({ 'new-data': { region: 'us-east-1', queue: 'test-cluster-churn-new-data', waitTimeSeconds: 20, jsonBody: true } });
    expect(s.template.serviceAccountName).toBe('churn-new-data');
    // no keys, no role ARN: the SDK's default chain finds the Pod Identity credentials
    expect(JSON.stringify(s.sqs)).not.toMatch(/accessKey|secretKey|roleARN/);
  });

  test('the shared alert webhook requires the bearer token and only Alertmanager may reach it', () => {
    const w = all['EventSource/alertmanager'].spec;
    expect(w.webhook).toEqual({ alert: { port: '12000', endpoint: '/alerts', method: 'POST', url: '', authSecret: { name: 'alert-webhook-token', key: 'token' }, maxPayloadSize: 1048576 } });
    expect(w.service).toEqual({ ports: [{ port: 12000, targetPort: 12000 }] });
    const policy = resourceAt(json.workloads, 'kubernetes_network_policy_v1', 'pipeline-events/alert-webhook-ingress');
    expect(policy.spec).toEqual({
      pod_selector: { match_labels: { 'eventsource-name': 'alertmanager' } },
      policy_types: ['Ingress'],
      ingress: [{ from: [{ namespace_selector: { match_labels: { 'kubernetes.io/metadata.name': 'monitoring' } } }], ports: [{ port: '12000', protocol: 'TCP' }] }],
    });
  });

  test('event pods are non-root on system nodes with resources', () => {
    for (const key of ['EventSource/churn-schedule', 'EventSource/churn-new-data', 'EventSource/alertmanager', 'Sensor/churn']) {
      const t = all[key].spec.template;
      expect({ key, node: t.nodeSelector, nonRoot: t.securityContext.runAsNonRoot, limits: !!t.container.resources.limits.memory, ro: t.container.securityContext.readOnlyRootFilesystem }).toEqual({
        key,
        node: { 'kubernetes.io/os': 'linux', 'mlops.cdktf.io/node-role': 'system' },
        nonRoot: true,
        limits: true,
        ro: true,
      });
    }
  });
});

describe('the Sensor', () => {
  test('one dependency per trigger; drift only for firing MlopsModelDrift notifications of this model', () => {
    expect(sensor.spec.dependencies).toEqual([
      { name: 'schedule', eventSourceName: 'churn-schedule', eventName: 'schedule' },
      { name: 'new-data', eventSourceName: 'churn-new-data', eventName: 'new-data' },
      {
        name: 'drift',
        eventSourceName: 'alertmanager',
        eventName: 'alert',
        filters: {
          data: [
            { path: 'body.status', type: 'string', value: ['firing'] },
            { path: 'body.commonLabels.alertname', type: 'string', value: ['MlopsModelDrift'] },
            { path: 'body.commonLabels.model', type: 'string', value: ['churn'] },
          ],
        },
      },
    ]);
  });

  test('each trigger fires on its own dependency (any of them starts a run) and submits the template, retried and acknowledged after success', () => {
    expect(sensor.spec.triggers.map((t: any) => [t.template.name, t.template.conditions])).toEqual([
      ['schedule', 'schedule'],
      ['new-data', 'new-data'],
      ['drift', 'drift'],
    ]);
    for (const t of sensor.spec.triggers) {
      expect(t.retryStrategy).toEqual({ steps: 5, duration: '10s', factor: 2, jitter: 0.1 });
      expect(t.atLeastOnce).toBe(true);
      expect(t.template.argoWorkflow.operation).toBe('submit');
      expect(t.template.argoWorkflow.source.resource).toEqual({
        apiVersion: 'argoproj.io/v1alpha1',
        kind: 'Workflow',
        metadata: { generateName: 'churn-', namespace: 'ml-pipelines', labels: { 'mlops.cdktf.io/component': 'training-pipeline', 'mlops.cdktf.io/pipeline': 'churn' } },
        spec: { workflowTemplateRef: { name: 'churn' }, arguments: { parameters: [{ name: 'trigger', value: t.template.name }, { name: 'data-uri', value: 's3://acme-data/churn/current/' }] } },
      });
    }
  });

  test('a new-data run works on the directory of the object that arrived', () => {
    const newData = sensor.spec.triggers.find((t: any) => t.template.name === 'new-data');
    expect(newData.template.argoWorkflow.parameters).toEqual([
      { src: { dependencyName: 'new-data', dataTemplate: 's3://{{ .Input.body.detail.bucket.name }}/{{ .Input.body.detail.object.key | dir }}/' }, dest: 'spec.arguments.parameters.1.value' },
    ]);
    expect(sensor.spec.triggers.filter((t: any) => t.template.argoWorkflow.parameters).length).toBe(1);
  });

  test('the Sensor runs as its own service account', () => {
    expect(sensor.spec.template.serviceAccountName).toBe('churn-sensor');
  });

  test('only the configured triggers exist', () => {
    const noNew = manifests(synthScenario({ noNewData: true }).workloads);
    expect(noNew['EventSource/churn-new-data']).toBeUndefined();
    expect(noNew['Sensor/churn'].spec.dependencies.map((d: any) => d.name)).toEqual(['schedule', 'drift']);
  });
});

describe('the new-data queue (cloud)', () => {
  const cloud = json.cloud;
  const queueArn = refOf(cloud, 'aws_sqs_queue', 'churn-pipeline/new-data/queue', 'arn');
  const ruleArn = refOf(cloud, 'aws_cloudwatch_event_rule', 'churn-pipeline/new-data/rule', 'arn');

  test('EventBridge: Object Created of the bucket, keys under the prefix ending in the batch marker', () => {
    const rule = resourceAt(cloud, 'aws_cloudwatch_event_rule', 'churn-pipeline/new-data/rule');
    expect(JSON.parse(rule.event_pattern)).toEqual({
      source: ['aws.s3'],
      'detail-type': ['Object Created'],
      detail: { bucket: { name: [refOf(cloud, 'aws_s3_bucket', 'landing/bucket', 'bucket')] }, object: { key: [{ wildcard: 'churn/incoming/*_SUCCESS' }] } },
    });
    expect(resourceAt(cloud, 'aws_cloudwatch_event_target', 'churn-pipeline/new-data/target')).toMatchObject({ rule: refOf(cloud, 'aws_cloudwatch_event_rule', 'churn-pipeline/new-data/rule', 'name'), arn: queueArn });
  });

  test('the bucket sends its events to EventBridge', () => {
    expect(resourceList(cloud, 'aws_s3_bucket_notification')).toEqual([expect.objectContaining({ bucket: refOf(cloud, 'aws_s3_bucket', 'landing/bucket', 'id'), eventbridge: true })]);
  });

  test('the queue: encrypted, long polling; only EventBridge may send, only from this rule, only over TLS', () => {
    const queue = resourceAt(cloud, 'aws_sqs_queue', 'churn-pipeline/new-data/queue');
    expect(queue).toMatchObject({ name: 'test-cluster-churn-new-data', sqs_managed_sse_enabled: true, receive_wait_time_seconds: 20, message_retention_seconds: 345600 });
    const policy = JSON.parse(resourceAt(cloud, 'aws_sqs_queue_policy', 'churn-pipeline/new-data/queue-policy').policy);
    expect(policy.Statement).toEqual([
      {
        Sid: 'EventBridgeFromThisRule',
        Effect: 'Allow',
        Principal: { Service: 'events.amazonaws.com' },
        Action: 'sqs:SendMessage',
        Resource: queueArn,
        Condition: { ArnEquals: { 'aws:SourceArn': ruleArn } },
      },
      {
        Sid: 'DenyInsecureTransport',
        Effect: 'Deny',
        Principal: '*',
        Action: 'sqs:*',
        Resource: [queueArn],
        Condition: { Bool: { 'aws:SecureTransport': 'false' } },
      },
    ]);
  });

  test('the reader may receive, delete and look up this queue only, as the EventSource\'s service account through Pod Identity', () => {
    const role = resourceAt(cloud, 'aws_iam_role_policy', 'churn-pipeline/new-data/reader-role/policy');
    expect(JSON.parse(role.policy).Statement).toEqual([
      { Sid: 'ReadTriggerQueue', Effect: 'Allow', Action: ['sqs:GetQueueUrl', 'sqs:ReceiveMessage', 'sqs:DeleteMessage'], Resource: queueArn },
    ]);
    expect(resourceAt(cloud, 'aws_eks_pod_identity_association', 'churn-pipeline/new-data/reader-role/association')).toMatchObject({ namespace: 'argo-events', service_account: 'churn-new-data' });
  });
});
