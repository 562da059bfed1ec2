/**
 * Reference stack set `mlops-platform`: cloud (network + EKS) → platform (default StorageClass, …)
 * → workloads. Later components are added here.
 */
import { App } from 'cdktf';
import { ClusterRef, DefaultStorageClass, EksCluster, Network, StackSet } from '../src';
import { EnvironmentConfig, validateEnvironment } from './config/environment';

/** Builds the `mlops-platform` stack set for one environment. */
export function buildMlopsPlatform(app: App, config: EnvironmentConfig): StackSet {
  validateEnvironment(config);
  const clusterName = `mlops-${config.environment}`;
  const set = new StackSet(app, {
    name: 'mlops-platform',
    project: 'mlops-platform',
    environment: config.environment,
    region: config.region,
    backend: config.backend,
    allowedAccountIds: config.accountId ? [config.accountId] : undefined,
  });
  const network = new Network(set.cloud, 'network', {
    name: clusterName,
    clusterName,
    preset: config.preset,
    cidr: config.vpcCidr,
    azCount: config.azCount,
  });
  const cluster = new EksCluster(set.cloud, 'cluster', {
    name: clusterName,
    network,
    preset: config.preset,
    endpointPublicAccessCidrs: config.adminCidrs,
    adminPrincipalArns: config.adminPrincipalArns,
    systemNodes: { instanceTypes: config.systemInstanceTypes },
  });
  const { platform } = set.connect(ClusterRef.fromEksCluster(cluster));
  new DefaultStorageClass(platform, 'default-storage-class');
  return set;
}
