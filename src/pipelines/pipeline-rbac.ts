/**
 * The service accounts and RBAC of one training pipeline — nothing broader than each needs:
 *
 * | service account (namespace) | may | why |
 * |---|---|---|
 * | `<name>-steps`, `-runner`, `-rollout` (pipeline) | create, patch `workflowtaskresults` | Argo's executor (v4.0.6) reports outputs through them |
 * | `<name>-rollout` (pipeline) | get, patch the two InferenceServices (by name); patch the HTTPRoute (by name) — in the serving namespace | canary, promote, rollback |
 * | `<name>-sensor` (events) | create `workflows`; get this `workflowtemplate` (by name) — in the pipeline namespace | the Sensor runs `argo submit` (argo CLI v3.7.7 in the v1.9.10 sensor image), which validates against the template |
 * | `<name>-new-data` (events) | nothing in Kubernetes | the SQS EventSource; its AWS role is `TrainingPipelineCloud`'s |
 *
 * `create` cannot be limited by name in RBAC (the name does not exist yet), so the sensor may create
 * any Workflow in the pipeline namespace — but the controller runs only Workflows that reference a
 * WorkflowTemplate (`templateReferencing: Secure`), under the service accounts that template names.
 */
import { Construct } from 'constructs';
import type { RoleV1Rule } from '@cdktf/provider-kubernetes/lib/role-v1';
import { IRolloutTarget } from '../serving/rollout-target';
import { pipelineServiceAccounts } from './training-pipeline-cloud';
import { KubernetesRoleBindingV1, KubernetesRoleV1, KubernetesServiceAccountV1 } from '../core/resources/kubernetes-core';

/** What Argo's executor needs. */
export const EXECUTOR_RULES: readonly RoleV1Rule[] = [{ apiGroups: ['argoproj.io'], resources: ['workflowtaskresults'], verbs: ['create', 'patch'] }];

/** What the rollout steps need on the serving side. */
export function rolloutRules(target: IRolloutTarget): RoleV1Rule[] {
  return [
    { apiGroups: ['serving.kserve.io'], resources: ['inferenceservices'], resourceNames: [target.stableName, target.canaryName], verbs: ['get', 'patch'] },
    { apiGroups: ['gateway.networking.k8s.io'], resources: ['httproutes'], resourceNames: [target.routeName], verbs: ['patch'] },
  ];
}

/** What the Sensor needs in the pipeline namespace. */
export function sensorRules(template: string): RoleV1Rule[] {
  return [
    { apiGroups: ['argoproj.io'], resources: ['workflows'], verbs: ['create'] },
    { apiGroups: ['argoproj.io'], resources: ['workflowtemplates'], resourceNames: [template], verbs: ['get'] },
  ];
}

/** Props of {@link PipelineRbac}. */
export interface PipelineRbacProps {
  readonly name: string;
  readonly pipelineNamespace: string;
  readonly eventsNamespace: string;
  readonly labels: Readonly<Record<string, string>>;
  /** The rollout target, when the pipeline rolls out. */
  readonly rollout?: IRolloutTarget;
  /** Create the SQS EventSource's service account. */
  readonly newData: boolean;
}

/** Service accounts, Roles and RoleBindings of one pipeline. */
export class PipelineRbac extends Construct {
  /** Service accounts by role. */
  public readonly serviceAccounts: Readonly<Record<string, KubernetesServiceAccountV1>>;
  public readonly roles: Readonly<Record<string, KubernetesRoleV1>>;

  constructor(scope: Construct, id: string, props: PipelineRbacProps) {
    super(scope, id);
    const accounts = pipelineServiceAccounts(props.name);
    const labels = { ...props.labels };
    const sas: Record<string, KubernetesServiceAccountV1> = {};
    const sa = (key: string, name: string, namespace: string) => {
      sas[key] = new KubernetesServiceAccountV1(this, `sa-${key}`, { metadata: { name, namespace, labels } });
      return sas[key];
    };
    const inPipeline: Array<'steps' | 'runner' | 'rollout'> = ['steps', 'runner', ...(props.rollout ? (['rollout'] as const) : [])];
    for (const key of inPipeline) sa(key, accounts[key], props.pipelineNamespace);
    sa('sensor', accounts.sensor, props.eventsNamespace);
    if (props.newData) sa('newData', accounts.newData, props.eventsNamespace);
    this.serviceAccounts = sas;

    const roles: Record<string, KubernetesRoleV1> = {};
    const bind = (key: string, roleName: string, namespace: string, rule: readonly RoleV1Rule[], subjects: ReadonlyArray<{ name: string; namespace: string }>) => {
      roles[key] = new KubernetesRoleV1(this, `role-${key}`, { metadata: { name: roleName, namespace, labels }, rule: rule.map((r) => ({ ...r })) });
      new KubernetesRoleBindingV1(this, `binding-${key}`, {
        metadata: { name: roleName, namespace, labels },
        roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: roleName },
        subject: subjects.map((s) => ({ kind: 'ServiceAccount', name: s.name, namespace: s.namespace })),
      });
    };
    bind('executor', `${props.name}-executor`, props.pipelineNamespace, EXECUTOR_RULES, inPipeline.map((k) => ({ name: accounts[k], namespace: props.pipelineNamespace })));
    if (props.rollout) {
      bind('rollout', `${props.name}-rollout`, props.rollout.namespace, rolloutRules(props.rollout), [{ name: accounts.rollout, namespace: props.pipelineNamespace }]);
    }
    bind('sensor', `${props.name}-sensor`, props.pipelineNamespace, sensorRules(props.name), [{ name: accounts.sensor, namespace: props.eventsNamespace }]);
    this.roles = roles;
  }
}
