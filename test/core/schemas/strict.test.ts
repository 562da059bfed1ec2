import { Testing, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { z } from 'zod';
import { closestKey, editDistance, knownKeysAt, Schemas } from '../../../src/core/schemas';
import { validateProps } from '../../../src/core/validation';

function scope(): Construct {
  return new Construct(new TerraformStack(Testing.app(), 'stack'), 'thing');
}

const schema = Schemas.object({
  name: z.string(),
  deletionProtection: z.boolean().optional(),
  scaling: Schemas.object({ minReplicas: z.number(), maxReplicas: z.number() }).optional(),
  engine: z
    .discriminatedUnion('kind', [Schemas.object({ kind: z.literal('a'), alpha: z.string().optional() }), Schemas.object({ kind: z.literal('b'), beta: z.string().optional() })])
    .optional(),
  network: Schemas.construct('a Network (or { vpcId, privateSubnetIds })', { vpcId: z.string(), privateSubnetIds: z.array(z.string()) }),
});
const network = { vpcId: 'vpc-1', privateSubnetIds: ['subnet-1'], somethingElse: 1 };

describe('strict props with "did you mean"', () => {
  test('an unknown key is named with its path and the closest known key', () => {
    expect(() => validateProps(scope(), schema, { name: 'x', deletionProtecton: true, network })).toThrow(
      'stack/thing: deletionProtecton = true is not a known prop; did you mean "deletionProtection"?',
    );
    expect(() => validateProps(scope(), schema, { name: 'x', scaling: { minReplicas: 1, maxReplica: 3 }, network })).toThrow(
      'stack/thing: scaling.maxReplicas = (missing) is required; pass a number\nstack/thing: scaling.maxReplica = 3 is not a known prop; did you mean "maxReplicas"?',
    );
  });

  test('without a close key it lists the known keys', () => {
    expect(() => validateProps(scope(), schema, { name: 'x', colour: 'red', network })).toThrow(
      'stack/thing: colour = "red" is not a known prop; remove it or check its spelling (known: deletionProtection, engine, name, network, scaling)',
    );
  });

  test('in a discriminated union the option of the discriminator is checked', () => {
    expect(() => validateProps(scope(), schema, { name: 'x', engine: { kind: 'a', beta: 'q' }, network })).toThrow(
      'stack/thing: engine.beta = "q" is not a known prop; did you mean "beta"?',
    );
    expect(knownKeysAt(schema, ['engine'])).toEqual(['kind', 'alpha', 'beta']);
  });

  test('construct references allow other members and say what to pass when missing', () => {
    expect(validateProps(scope(), schema, { name: 'x', network })).toMatchObject({ network });
    expect(() => validateProps(scope(), schema, { name: 'x' })).toThrow('stack/thing: network = (missing) is required; pass a Network (or { vpcId, privateSubnetIds })');
    expect(() => validateProps(scope(), schema, { name: 'x', network: 'vpc-1' })).toThrow(
      'stack/thing: network = "vpc-1" is not a valid Network (or { vpcId, privateSubnetIds }); pass a Network (or { vpcId, privateSubnetIds })',
    );
  });

  test('closest key and edit distance', () => {
    expect(editDistance('maxReplica', 'maxReplicas')).toBe(1);
    expect(editDistance('ab', 'ba')).toBe(1);
    expect(closestKey('max_replicas', ['maxReplicas'])).toBe('maxReplicas');
    expect(closestKey('region', ['namespace', 'name'])).toBeUndefined();
    expect(closestKey('nme', ['name', 'namespace'])).toBe('name');
  });
});
