/** `ec2-ebs-encrypted`: EBS volumes of launch templates, instances, EC2NodeClasses and aws_ebs_volume are encrypted. */
import { PolicyRule } from '../../types';
import { block, blocks, bool, COMPLIANT, isObject, isUnresolved, Json, mustBeConcrete, NOT_APPLICABLE, render, UNKNOWN, verdictOf } from '../../values';
import { ec2NodeClassSpec } from '../k8s/manifest';
import { cdkNag, checkov, trivy } from '../scanners';

const FIX_TF = 'set encrypted = true on every EBS volume (block_device_mappings[].ebs.encrypted, root_block_device.encrypted, aws_ebs_volume.encrypted)';
const FIX_NODECLASS = 'declare spec.blockDeviceMappings with ebs.encrypted: true for the root volume (and every other volume)';

function problem(path: string, value: unknown): string | undefined {
  const encrypted = bool(value);
  if (encrypted === true) return undefined;
  if (encrypted === UNKNOWN) return `${path} = ${render(value)} is not known at synth; this check needs a concrete value`;
  return encrypted === false ? `${path} is false` : `${path} is not set`;
}

function nodeClassProblems(spec: Json): string[] {
  const mappings = spec.blockDeviceMappings;
  if (mappings === undefined) {
    return ["spec.blockDeviceMappings is not set, so the root volume's encryption depends on Karpenter's AMI-family default and the account's EBS default"];
  }
  if (!Array.isArray(mappings)) return [`spec.blockDeviceMappings = ${render(mappings)} is not a list`];
  return mappings.flatMap((m, i) => {
    const ebs = isObject(m) ? m.ebs : undefined;
    return isObject(ebs) ? [problem(`spec.blockDeviceMappings[${i}].ebs.encrypted`, ebs.encrypted)].filter((p): p is string => !!p) : [];
  });
}

function terraformProblems(type: string, attributes: Json): string[] {
  if (type === 'aws_ebs_volume') return [problem('encrypted', attributes.encrypted)].filter((p): p is string => !!p);
  const problems: string[] = [];
  const mappings = blocks(attributes.block_device_mappings);
  mappings.forEach((m, i) => {
    const ebs = block(m.ebs);
    if (ebs) problems.push(...[problem(`block_device_mappings[${i}].ebs.encrypted`, ebs.encrypted)].filter((p): p is string => !!p));
  });
  if (type === 'aws_instance') {
    problems.push(...[problem('root_block_device.encrypted', block(attributes.root_block_device)?.encrypted)].filter((p): p is string => !!p));
    blocks(attributes.ebs_block_device).forEach((d, i) => {
      problems.push(...[problem(`ebs_block_device[${i}].encrypted`, d.encrypted)].filter((p): p is string => !!p));
    });
  } else if (mappings.length === 0) {
    problems.push("block_device_mappings is not set, so the root volume's encryption depends on the AMI's snapshot and the account's EBS default");
  }
  return problems;
}

export const ec2EbsEncrypted: PolicyRule = {
  id: 'ec2-ebs-encrypted',
  severity: 'error',
  description: 'Every EBS volume declared by a launch template, instance, EC2NodeClass or aws_ebs_volume is encrypted.',
  appliesTo: ['aws_launch_template', 'aws_instance', 'aws_ebs_volume', 'kubernetes_manifest'],
  mirrors: [
    checkov('CKV_AWS_8', 'instances and launch configurations'),
    checkov('CKV_AWS_3', 'aws_ebs_volume'),
    trivy('AVD-AWS-0131', 'instances'),
    trivy('AVD-AWS-0008', 'launch configurations'),
    trivy('AVD-AWS-0026', 'aws_ebs_volume'),
    cdkNag('AwsSolutions-EC26'),
  ],
  check(resource) {
    if (resource.type === 'kubernetes_manifest') {
      const spec = ec2NodeClassSpec(resource);
      if (spec === undefined) return NOT_APPLICABLE;
      if (spec === 'unknown') return mustBeConcrete('manifest', resource.attributes.manifest, FIX_NODECLASS);
      return verdictOf(nodeClassProblems(spec), FIX_NODECLASS);
    }
    if (isUnresolved(resource.attributes.block_device_mappings)) {
      return mustBeConcrete('block_device_mappings', resource.attributes.block_device_mappings, FIX_TF);
    }
    const problems = terraformProblems(resource.type, resource.attributes);
    return problems.length === 0 ? COMPLIANT : verdictOf(problems, FIX_TF);
  },
};
