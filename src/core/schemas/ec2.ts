/**
 * EC2 instance type names and what their family says: the CPU architecture (Graviton families carry a
 * `g` after the generation, `m7g`, `c6gn`, `g5g`; and `a1`) and whether the type has accelerators
 * (GPU `p`/`g`/`gr` families, Inferentia `inf`, Trainium `trn`, Gaudi `dl`, media `vt`), which need
 * an accelerated AMI.
 */
import { z } from 'zod';

const INSTANCE_TYPE = /^([a-z]+)([0-9]+)([a-z]*)(-[a-z0-9]+)?\.([a-z0-9-]+)$/;

/** CPU architecture of an instance type, or undefined when the name does not parse. */
export function instanceArchitecture(instanceType: string): 'arm64' | 'x86_64' | undefined {
  const m = INSTANCE_TYPE.exec(instanceType);
  if (!m) return undefined;
  const [, family, generation, attributes] = m;
  if (family === 'a' && generation === '1') return 'arm64';
  return attributes.includes('g') ? 'arm64' : 'x86_64';
}

/** True for instance types with GPUs or other accelerators. */
export function isAcceleratedInstanceType(instanceType: string): boolean {
  const family = INSTANCE_TYPE.exec(instanceType)?.[1];
  return family !== undefined && ['p', 'g', 'gr', 'inf', 'trn', 'dl', 'vt', 'f'].includes(family);
}

/** Zod schemas of EC2 names. */
export const ec2Schemas = {
  /** An EC2 instance type name, e.g. `m7i.large`, `p5.48xlarge`, `m7i-flex.large`. */
  instanceType: () => z.string().regex(INSTANCE_TYPE, { message: 'is not an EC2 instance type; use e.g. "m7i.large"' }),
};
