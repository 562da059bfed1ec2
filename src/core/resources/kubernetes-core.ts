/**
 * The core Kubernetes kinds the library declares (Namespace, ServiceAccount, ConfigMap, Secret,
 * Service, PersistentVolumeClaim, StorageClass, LimitRange, Role, RoleBinding, IngressClass, Ingress), typed
 * and synthesized like their provider bindings without loading them or building their
 * attribute-reference objects (see {@link ProviderResource}).
 */
import { Construct } from 'constructs';
import type { ConfigMapV1Config } from '@cdktf/provider-kubernetes/lib/config-map-v1';
import type { IngressClassV1Config } from '@cdktf/provider-kubernetes/lib/ingress-class-v1';
import type { IngressV1Config } from '@cdktf/provider-kubernetes/lib/ingress-v1';
import type { LimitRangeV1Config } from '@cdktf/provider-kubernetes/lib/limit-range-v1';
import type { NamespaceV1Config } from '@cdktf/provider-kubernetes/lib/namespace-v1';
import type { PersistentVolumeClaimV1Config } from '@cdktf/provider-kubernetes/lib/persistent-volume-claim-v1';
import type { RoleBindingV1Config } from '@cdktf/provider-kubernetes/lib/role-binding-v1';
import type { RoleV1Config } from '@cdktf/provider-kubernetes/lib/role-v1';
import type { SecretV1Config } from '@cdktf/provider-kubernetes/lib/secret-v1';
import type { ServiceAccountV1Config } from '@cdktf/provider-kubernetes/lib/service-account-v1';
import type { ServiceV1Config } from '@cdktf/provider-kubernetes/lib/service-v1';
import type { StorageClassV1Config } from '@cdktf/provider-kubernetes/lib/storage-class-v1';
import { KubernetesObjectResource } from './kubernetes-object-resource';

/** A `kubernetes_namespace_v1` resource (the binding's `NamespaceV1`). */
export class KubernetesNamespaceV1 extends KubernetesObjectResource<NamespaceV1Config> {
  constructor(scope: Construct, id: string, config: NamespaceV1Config) {
    super(scope, id, 'kubernetes_namespace_v1', new Set(['annotations', 'labels']), config);
  }
}

/** A `kubernetes_service_account_v1` resource (the binding's `ServiceAccountV1`). */
export class KubernetesServiceAccountV1 extends KubernetesObjectResource<ServiceAccountV1Config> {
  constructor(scope: Construct, id: string, config: ServiceAccountV1Config) {
    super(scope, id, 'kubernetes_service_account_v1', new Set(['annotations', 'labels']), config);
  }
}

/** A `kubernetes_config_map_v1` resource (the binding's `ConfigMapV1`). */
export class KubernetesConfigMapV1 extends KubernetesObjectResource<ConfigMapV1Config> {
  constructor(scope: Construct, id: string, config: ConfigMapV1Config) {
    super(scope, id, 'kubernetes_config_map_v1', new Set(['annotations', 'binary_data', 'data', 'labels']), config);
  }
}

/** A `kubernetes_secret_v1` resource (the binding's `SecretV1`). */
export class KubernetesSecretV1 extends KubernetesObjectResource<SecretV1Config> {
  constructor(scope: Construct, id: string, config: SecretV1Config) {
    super(scope, id, 'kubernetes_secret_v1', new Set(['annotations', 'binary_data', 'binary_data_wo', 'data', 'data_wo', 'labels']), config);
  }
}

/** A `kubernetes_service_v1` resource (the binding's `ServiceV1`). */
export class KubernetesServiceV1 extends KubernetesObjectResource<ServiceV1Config> {
  constructor(scope: Construct, id: string, config: ServiceV1Config) {
    super(scope, id, 'kubernetes_service_v1', new Set(['annotations', 'labels', 'selector']), config);
  }
}

/** A `kubernetes_persistent_volume_claim_v1` resource (the binding's `PersistentVolumeClaimV1`). */
export class KubernetesPersistentVolumeClaimV1 extends KubernetesObjectResource<PersistentVolumeClaimV1Config> {
  constructor(scope: Construct, id: string, config: PersistentVolumeClaimV1Config) {
    super(scope, id, 'kubernetes_persistent_volume_claim_v1', new Set(['annotations', 'labels', 'limits', 'match_labels', 'requests']), config);
  }
}

/** A `kubernetes_storage_class_v1` resource (the binding's `StorageClassV1`). */
export class KubernetesStorageClassV1 extends KubernetesObjectResource<StorageClassV1Config> {
  constructor(scope: Construct, id: string, config: StorageClassV1Config) {
    super(scope, id, 'kubernetes_storage_class_v1', new Set(['annotations', 'labels', 'parameters']), config);
  }
}

/** A `kubernetes_limit_range_v1` resource (the binding's `LimitRangeV1`). */
export class KubernetesLimitRangeV1 extends KubernetesObjectResource<LimitRangeV1Config> {
  constructor(scope: Construct, id: string, config: LimitRangeV1Config) {
    super(scope, id, 'kubernetes_limit_range_v1', new Set(['annotations', 'default', 'default_request', 'labels', 'max', 'max_limit_request_ratio', 'min']), config);
  }
}

/** A `kubernetes_role_v1` resource (the binding's `RoleV1`). */
export class KubernetesRoleV1 extends KubernetesObjectResource<RoleV1Config> {
  constructor(scope: Construct, id: string, config: RoleV1Config) {
    super(scope, id, 'kubernetes_role_v1', new Set(['annotations', 'labels']), config);
  }
}

/** A `kubernetes_role_binding_v1` resource (the binding's `RoleBindingV1`). */
export class KubernetesRoleBindingV1 extends KubernetesObjectResource<RoleBindingV1Config> {
  constructor(scope: Construct, id: string, config: RoleBindingV1Config) {
    super(scope, id, 'kubernetes_role_binding_v1', new Set(['annotations', 'labels']), config);
  }
}

/** A `kubernetes_ingress_class_v1` resource (the binding's `IngressClassV1`). */
export class KubernetesIngressClassV1 extends KubernetesObjectResource<IngressClassV1Config> {
  constructor(scope: Construct, id: string, config: IngressClassV1Config) {
    super(scope, id, 'kubernetes_ingress_class_v1', new Set(['annotations', 'labels']), config);
  }
}

/** A `kubernetes_ingress_v1` resource (the binding's `IngressV1`). */
export class KubernetesIngressV1 extends KubernetesObjectResource<IngressV1Config> {
  constructor(scope: Construct, id: string, config: IngressV1Config) {
    super(scope, id, 'kubernetes_ingress_v1', new Set(['annotations', 'labels']), config);
  }

  /**
   * The load balancer's host name once the controller has made it (a reference: what the binding's
   * `status.get(0).loadBalancer.get(0).ingress.get(0).hostname` returns).
   */
  public get loadBalancerHostname(): string {
    return this.getStringAttribute('status[0].load_balancer[0].ingress[0].hostname');
  }
}
