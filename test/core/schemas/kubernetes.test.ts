import { z } from 'zod';
import { dns1123SubdomainProblem, labelKeyProblem, labelValueProblem, Schemas } from '../../../src/core/schemas';

const LABEL_KEY = 'is not a valid label key; the name part is 1-63 letters, digits, "-", "_" and ".", starting and ending with a letter or digit (optionally after a "prefix/")';

describe('Kubernetes names', () => {
  test.each(['a', 'app', 'app.kubernetes.io/name', 'karpenter.sh/capacity-type', 'nvidia.com/mig.config', 'A_b.c-D', `${'a'.repeat(253)}/${'b'.repeat(63)}`])(
    'label key %j is valid',
    (k) => expect(labelKeyProblem(k)).toBeUndefined(),
  );
  test.each([
    ['', LABEL_KEY],
    ['-a', LABEL_KEY],
    ['a/', LABEL_KEY],
    ['b'.repeat(64), LABEL_KEY],
    ['Example.com/a', 'has a prefix that is not a DNS subdomain; use e.g. "example.com/team" (lowercase prefix, at most 253 characters)'],
    ['a/b/c', 'has a prefix that is not a DNS subdomain; use e.g. "example.com/team" (lowercase prefix, at most 253 characters)'],
  ])('label key %j: %s', (k, message) => expect(labelKeyProblem(k)).toBe(message));

  test('label values', () => {
    expect(labelValueProblem('')).toBeUndefined();
    expect(labelValueProblem('p5.48xlarge')).toBeUndefined();
    expect(labelValueProblem('a'.repeat(64))).toBe('is longer than 63 characters; label values are at most 63 characters');
    expect(labelValueProblem('all-1g.10gb+me')).toBe('is not a valid label value; use letters, digits, "-", "_" and ".", starting and ending with a letter or digit');
  });

  test('DNS-1123 label and subdomain', () => {
    const label = (v: string) => Schemas.k8sName().safeParse(v).error?.issues[0].message;
    expect(label('my-app')).toBeUndefined();
    expect(label('My-App')).toBe('is not a DNS-1123 label; use lowercase letters, digits and "-", starting and ending with a letter or digit');
    expect(label('a'.repeat(64))).toBe('is longer than 63 characters; use a shorter Kubernetes name');
    expect(dns1123SubdomainProblem('my.secret-1')).toBeUndefined();
    expect(dns1123SubdomainProblem('my_secret')).toBe('is not a DNS-1123 subdomain; use lowercase letters, digits, "-" and ".", starting and ending with a letter or digit');
  });

  test('labels, Secret keys and env names', () => {
    const messages = (schema: z.ZodType, v: unknown) => schema.safeParse(v).error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    expect(messages(Schemas.labels(), { 'team/a': 'x', ok: 'b c' })).toEqual([
      'ok: is not a valid label value; use letters, digits, "-", "_" and ".", starting and ending with a letter or digit',
    ]);
    expect(messages(Schemas.secretKey(), 'tls.crt')).toBeUndefined();
    expect(messages(Schemas.secretKey(), 'a/b')).toEqual([': is not a valid Kubernetes Secret key; use letters, digits, "-", "_" and "."']);
    expect(messages(Schemas.envVarName(), 'HF_HOME')).toBeUndefined();
    expect(messages(Schemas.envVarName(), '1X')).toEqual([': is not an environment variable name; use letters, digits, "_", "-" and ".", not starting with a digit']);
  });
});
