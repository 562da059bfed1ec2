import { Testing, TerraformStack, Token, Lazy } from 'cdktf';
import { Construct } from 'constructs';
import { z } from 'zod';
import { cidrSubnet, isIpv4Cidr, Schemas, validateProps, ValidationError } from '../../src/core/validation';

function scope(): Construct {
  const app = Testing.app();
  const stack = new TerraformStack(app, 'stack');
  return new Construct(stack, 'thing');
}

const schema = z.object({
  cidr: Schemas.cidr(),
  count: z.number().int().min(2, { message: 'is below 2; use at least 2' }),
  nested: z.object({ name: Schemas.k8sName() }).optional(),
});

describe('validateProps', () => {
  test('returns parsed props when valid', () => {
    expect(validateProps(scope(), schema, { cidr: '10.0.0.0/16', count: 3 })).toEqual({ cidr: '10.0.0.0/16', count: 3 });
  });

  test('names construct path, prop, value and fix', () => {
    expect(() => validateProps(scope(), schema, { cidr: '10.0.0.1/16', count: 1 })).toThrow(
      'stack/thing: cidr = "10.0.0.1/16" is not an IPv4 CIDR block; use the form a.b.c.d/n, e.g. 10.0.0.0/16\n' +
        'stack/thing: count = 1 is below 2; use at least 2',
    );
  });

  test('names nested props with their path', () => {
    expect(() => validateProps(scope(), schema, { cidr: '10.0.0.0/16', count: 2, nested: { name: 'Bad_Name' } })).toThrow(
      'stack/thing: nested.name = "Bad_Name" is not a DNS-1123 label; use lowercase letters, digits and "-", starting and ending with a letter or digit',
    );
  });

  test('skips unresolved tokens instead of rejecting them', () => {
    const tokenCidr = Token.asString(Lazy.stringValue({ produce: () => '10.0.0.0/16' }));
    const tokenCount = Token.asNumber(Lazy.numberValue({ produce: () => 1 }));
    expect(() => validateProps(scope(), schema, { cidr: tokenCidr, count: tokenCount })).not.toThrow();
  });

  test('throws a ValidationError carrying the issues', () => {
    try {
      validateProps(scope(), schema, { cidr: 'nope', count: 5 });
      throw new Error('not thrown');
    } catch (e) {
      expect(e).toBeInstanceOf(ValidationError);
      expect((e as ValidationError).issues).toEqual([
        { prop: 'cidr', value: 'nope', message: 'is not an IPv4 CIDR block; use the form a.b.c.d/n, e.g. 10.0.0.0/16' },
      ]);
    }
  });
});

describe('CIDR helpers', () => {
  test.each([
    ['10.0.0.0/16', true],
    ['10.0.0.0/33', false],
    ['10.0.1.0/16', false],
    ['256.0.0.0/8', false],
    ['0.0.0.0/0', true],
  ])('isIpv4Cidr(%s) = %s', (cidr, ok) => expect(isIpv4Cidr(cidr)).toBe(ok));

  test('cidrSubnet matches Terraform cidrsubnet', () => {
    expect(cidrSubnet('10.0.0.0/16', 2, 0)).toBe('10.0.0.0/18');
    expect(cidrSubnet('10.0.0.0/16', 2, 3)).toBe('10.0.192.0/18');
    expect(cidrSubnet('10.0.192.0/18', 2, 2)).toBe('10.0.224.0/20');
    expect(() => cidrSubnet('10.0.0.0/30', 4, 0)).toThrow('has no subnet');
  });
});
