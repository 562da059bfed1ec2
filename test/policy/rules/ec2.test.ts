import { ec2EbsEncrypted } from '../../../src/policy/rules/ec2/ec2-ebs-encrypted';
import { ec2ImdsHopLimit } from '../../../src/policy/rules/ec2/ec2-imds-hop-limit';
import { ec2Imdsv2Required } from '../../../src/policy/rules/ec2/ec2-imdsv2-required';
import { ec2SgOpenIngress } from '../../../src/policy/rules/ec2/ec2-sg-open-ingress';
import { expectCompliant, expectFinding, expectNotApplicable, manifest, resource, unknownMsg } from '../helpers';

const lt = (attributes: Record<string, unknown>) => resource('aws_launch_template', attributes);
const nodeClass = (spec: Record<string, unknown>) => manifest({ apiVersion: 'karpenter.k8s.aws/v1', kind: 'EC2NodeClass', metadata: { name: 'gpu' }, spec });
const encryptedRoot = { block_device_mappings: [{ device_name: '/dev/xvda', ebs: { encrypted: 'true' } }] };

describe('ec2-imdsv2-required', () => {
  it.each([
    ['launch template', lt({ metadata_options: { http_tokens: 'required' } })],
    ['EC2NodeClass default', nodeClass({})],
    ['EC2NodeClass explicit', nodeClass({ metadataOptions: { httpTokens: 'required' } })],
  ])('passes: %s', (_name, r) => expectCompliant(ec2Imdsv2Required, r));
  it('ignores other manifests', () => expectNotApplicable(ec2Imdsv2Required, manifest({ apiVersion: 'karpenter.sh/v1', kind: 'NodePool', spec: {} })));
  it.each([
    ['unset', lt({}), 'metadata_options.http_tokens is not set (the default allows IMDSv1)'],
    ['optional', lt({ metadata_options: { http_tokens: 'optional' } }), 'metadata_options.http_tokens = "optional" allows IMDSv1'],
    ['unknown', lt({ metadata_options: { http_tokens: '${var.t}' } }), unknownMsg('metadata_options.http_tokens', '${var.t}')],
    ['instance', resource('aws_instance', { metadata_options: [{ http_tokens: 'optional' }] }), 'metadata_options.http_tokens = "optional" allows IMDSv1'],
    ['EC2NodeClass optional', nodeClass({ metadataOptions: { httpTokens: 'optional' } }), 'spec.metadataOptions.httpTokens = "optional" allows IMDSv1'],
  ])('fails: %s', (_name, r, message) => expectFinding(ec2Imdsv2Required, r, message));
});

describe('ec2-imds-hop-limit', () => {
  it.each([
    ['2', lt({ metadata_options: { http_put_response_hop_limit: 2 } })],
    ['unset', lt({})],
    ['EC2NodeClass 1', nodeClass({ metadataOptions: { httpPutResponseHopLimit: 1 } })],
  ])('passes: %s', (_name, r) => expectCompliant(ec2ImdsHopLimit, r));
  it.each([
    ['3', lt({ metadata_options: { http_put_response_hop_limit: 3 } }), 'metadata_options.http_put_response_hop_limit = 3 lets IMDS tokens travel more than 2 network hops'],
    ['unknown', lt({ metadata_options: { http_put_response_hop_limit: '${var.h}' } }), unknownMsg('metadata_options.http_put_response_hop_limit', '${var.h}')],
    ['EC2NodeClass 5', nodeClass({ metadataOptions: { httpPutResponseHopLimit: 5 } }), 'spec.metadataOptions.httpPutResponseHopLimit = 5 lets IMDS tokens travel more than 2 network hops'],
  ])('fails: %s', (_name, r, message) => expectFinding(ec2ImdsHopLimit, r, message));
});

describe('ec2-ebs-encrypted', () => {
  it.each([
    ['launch template', lt(encryptedRoot)],
    ['instance', resource('aws_instance', { root_block_device: { encrypted: true } })],
    ['volume', resource('aws_ebs_volume', { encrypted: true })],
    ['EC2NodeClass', nodeClass({ blockDeviceMappings: [{ deviceName: '/dev/xvda', ebs: { encrypted: true, volumeSize: '100Gi' } }] })],
  ])('passes: %s', (_name, r) => expectCompliant(ec2EbsEncrypted, r));
  it.each([
    ['launch template unencrypted', lt({ block_device_mappings: [{ ebs: { encrypted: 'false' } }] }), 'block_device_mappings[0].ebs.encrypted is false'],
    ['launch template without mappings', lt({}), "block_device_mappings is not set, so the root volume's encryption depends on the AMI's snapshot and the account's EBS default"],
    ['launch template unknown', lt({ block_device_mappings: [{ ebs: { encrypted: '${var.e}' } }] }), unknownMsg('block_device_mappings[0].ebs.encrypted', '${var.e}')],
    ['instance root', resource('aws_instance', {}), 'root_block_device.encrypted is not set'],
    ['volume', resource('aws_ebs_volume', { encrypted: false }), 'encrypted is false'],
    ['EC2NodeClass without mappings', nodeClass({}), "spec.blockDeviceMappings is not set, so the root volume's encryption depends on Karpenter's AMI-family default and the account's EBS default"],
    ['EC2NodeClass unencrypted', nodeClass({ blockDeviceMappings: [{ deviceName: '/dev/xvda', ebs: { volumeSize: '100Gi' } }] }), 'spec.blockDeviceMappings[0].ebs.encrypted is not set'],
  ])('fails: %s', (_name, r, message) => expectFinding(ec2EbsEncrypted, r, message));
});

describe('ec2-sg-open-ingress', () => {
  it.each([
    ['group with VPC ingress', resource('aws_security_group', { ingress: [{ from_port: 443, to_port: 443, cidr_blocks: ['10.0.0.0/16', '${aws_vpc.v.cidr_block}'] }] })],
    ['open egress rule', resource('aws_security_group_rule', { type: 'egress', cidr_blocks: ['0.0.0.0/0'] })],
    ['vpc ingress rule from a group', resource('aws_vpc_security_group_ingress_rule', { referenced_security_group_id: 'sg-1' })],
  ])('passes: %s', (_name, r) => expectCompliant(ec2SgOpenIngress, r));
  it.each([
    ['group', resource('aws_security_group', { ingress: [{ from_port: 22, to_port: 22, cidr_blocks: ['0.0.0.0/0'] }] }), 'ingress[0].cidr_blocks allows ingress from 0.0.0.0/0 (ports 22-22)'],
    ['rule v6', resource('aws_security_group_rule', { type: 'ingress', from_port: 0, to_port: 65535, ipv6_cidr_blocks: ['::/0'] }), 'ipv6_cidr_blocks allows ingress from ::/0 (ports 0-65535)'],
    ['vpc ingress rule', resource('aws_vpc_security_group_ingress_rule', { cidr_ipv4: '0.0.0.0/0', from_port: 443, to_port: 443 }), 'cidr_ipv4 allows ingress from 0.0.0.0/0 (ports 443-443)'],
  ])('fails: %s', (_name, r, message) => expectFinding(ec2SgOpenIngress, r, message));
});
