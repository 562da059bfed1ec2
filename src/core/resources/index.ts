export * from './terraform-arguments';
export * from './provider-resource';
export * from './kubernetes-object-resource';
export * from './pod-spec';
export * from './kubernetes-manifest';
export * from './kubernetes-network-policy';
export * from './helm-release';
export * from './aws-cloudwatch-event-target';
