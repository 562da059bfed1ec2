import { parse } from 'yaml';
import { ExternalDns } from '../../src/frontdoor/external-dns';
import { ExternalDnsCloudRef } from '../../src/frontdoor/external-dns-cloud';
import { cloudStack, onlyResource, platformStack, synth } from '../helpers/synth';
import { DOMAIN, ZONE } from './fixture';

const CLOUD: ExternalDnsCloudRef = { clusterName: 'test-cluster', namespace: 'external-dns', serviceAccount: 'external-dns', hostedZoneId: ZONE, domain: DOMAIN };

describe('ExternalDns', () => {
  test('the pinned chart for one zone and one domain: upsert-only, TXT records owned by the cluster, region explicit, system nodes', () => {
    const stack = platformStack();
    new ExternalDns(stack, 'dns', { cloud: CLOUD });
    const release = onlyResource(synth(stack), 'helm_release');
    expect([release.chart, release.repository, release.version, release.namespace, release.create_namespace]).toEqual([
      'external-dns',
      'https://kubernetes-sigs.github.io/external-dns',
      '1.21.1',
      'external-dns',
      true,
    ]);
    expect(parse(release.values[0])).toEqual({
      provider: { name: 'aws' },
      sources: ['service', 'ingress'],
      policy: 'upsert-only',
      registry: 'txt',
      txtOwnerId: 'test-cluster',
      domainFilters: ['ml.acme.io'],
      extraArgs: [`--zone-id-filter=${ZONE}`],
      env: [
        { name: 'AWS_REGION', value: 'us-east-1' },
        { name: 'AWS_DEFAULT_REGION', value: 'us-east-1' },
      ],
      serviceAccount: { create: true, name: 'external-dns' },
      nodeSelector: { 'kubernetes.io/os': 'linux', 'mlops.cdktf.io/node-role': 'system' },
      resources: { requests: { cpu: '50m', memory: '64Mi' }, limits: { cpu: '500m', memory: '256Mi' } },
    });
  });

  test('sync policy and an owner id of your own', () => {
    const stack = platformStack();
    new ExternalDns(stack, 'dns', { cloud: CLOUD, policy: 'sync', txtOwnerId: 'prod-blue' });
    const values = parse(onlyResource(synth(stack), 'helm_release').values[0]);
    expect([values.policy, values.txtOwnerId]).toEqual(['sync', 'prod-blue']);
  });

  test('bad props name the prop', () => {
    expect(() => new ExternalDns(platformStack(), 'dns', { cloud: CLOUD, policy: 'delete' as any })).toThrow('test-platform/dns: policy = "delete" must be "upsert-only", "sync" or "create-only"');
    expect(() => new ExternalDns(platformStack(), 'dns', { cloud: CLOUD, txtOwnerId: 'prod blue' })).toThrow(
      'test-platform/dns: txtOwnerId = "prod blue" is not an owner id; use letters, digits, ".", "_" and "-" (at most 63)',
    );
    expect(() => new ExternalDns(platformStack(), 'dns', { cloud: { ...CLOUD, hostedZoneId: 'ml.acme.io' } })).toThrow(
      'test-platform/dns: cloud.hostedZoneId = "ml.acme.io" is not a Route 53 hosted zone id; use the zone\'s id, e.g. "Z0123456789ABCDEFGHIJ" (not its name)',
    );
    expect(() => new ExternalDns(cloudStack(), 'dns', { cloud: CLOUD })).toThrow('ExternalDns belongs in the platform layer');
  });
});
