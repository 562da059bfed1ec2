import { z } from 'zod';
import { compareQuantities, parseQuantity, QUANTITY_FIX, Schemas } from '../../../src/core/schemas';

describe('parseQuantity: the Kubernetes quantity grammar', () => {
  test.each([
    ['500m', 0.5],
    ['1', 1],
    ['1.5Gi', 1.5 * 2 ** 30],
    ['2e3', 2000],
    ['2E3', 2000],
    ['1e-3', 0.001],
    ['2E', 2e18],
    ['100k', 1e5],
    ['100Ki', 102400],
    ['4M', 4e6],
    ['4Mi', 4 * 2 ** 20],
    ['.5', 0.5],
    ['5.', 5],
    ['250u', 0.00025],
    ['1n', 1e-9],
    ['2Ei', 2 * 2 ** 60],
    ['0', 0],
  ])('%s = %d', (text, value) => expect(parseQuantity(text)).toBeCloseTo(value, 12));

  test.each(['', 'Gi', '1.5.5', '-1', '+1', '1KB', '1 Gi', '1gi', '1e', '1e1.5', '1ki', 'e3', '1m2', '1e400'])('%j is not a quantity', (text) =>
    expect(parseQuantity(text)).toBeUndefined(),
  );

  test('compares across suffixes', () => {
    expect(compareQuantities('1Gi', '1073741824')).toBe(0);
    expect(compareQuantities('1000m', '1')).toBe(0);
    expect(compareQuantities('1e3', '1k')).toBe(0);
    expect(compareQuantities('500m', '1')).toBe(-1);
    expect(compareQuantities('1G', '1Gi')).toBe(-1);
    expect(compareQuantities('2', '1999m')).toBe(1);
    expect(() => compareQuantities('1', 'lots')).toThrow('compareQuantities: "1" or "lots" is not a Kubernetes quantity');
  });
});

describe('Schemas.quantity / memory / resources', () => {
  const issues = (schema: z.ZodType, value: unknown) => schema.safeParse(value).error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`) ?? [];

  test('quantity and memory', () => {
    expect(issues(Schemas.quantity(), '1.5Gi')).toEqual([]);
    expect(issues(Schemas.quantity(), '1.5GB')).toEqual([`: is not a Kubernetes quantity; ${QUANTITY_FIX}`]);
    expect(issues(Schemas.memory(), '512m')).toEqual([': is a fraction of a byte ("m" means milli); use "Mi" or "Gi" for byte sizes, e.g. "512Mi"']);
    expect(issues(Schemas.memory(), '512Mi')).toEqual([]);
  });

  const ok = { requests: { cpu: '500m', memory: '1Gi' }, limits: { memory: '1024Mi' } };

  test('limits at least requests, compared as quantities', () => {
    expect(issues(Schemas.resources(), ok)).toEqual([]);
    expect(issues(Schemas.resources(), { requests: { cpu: '2', memory: '2Gi' }, limits: { cpu: '1500m', memory: '2000Mi' } })).toEqual([
      'limits.cpu: is below requests.cpu (2); the API server refuses a limit below its request, raise the limit or lower the request',
      'limits.memory: is below requests.memory (2Gi); the API server refuses a limit below its request, raise the limit or lower the request',
    ]);
  });

  test('required parts, zero amounts, unknown keys, required CPU limit', () => {
    expect(issues(Schemas.resources(), { requests: { cpu: '1', memory: '1Gi' } })).toEqual(['limits: is required; give at least limits.memory']);
    expect(issues(Schemas.resources({ cpuLimitRequired: true }), ok)).toEqual(['limits.cpu: Invalid input: expected string, received undefined']);
    expect(issues(Schemas.resources(), { requests: { cpu: '0', memory: '1Gi' }, limits: { memory: '0' } })).toEqual([
      'requests.cpu: is zero; give a positive amount, e.g. "100m"',
      'limits.memory: is zero; give a positive amount, e.g. "256Mi"',
    ]);
    expect(issues(Schemas.resources(), { ...ok, limits: { memory: '1Gi', gpu: '1' } })).toEqual(['limits: Unrecognized key: "gpu"']);
    expect(issues(Schemas.resources(), { requests: { cpu: '1', memory: 'lots' }, limits: { cpu: 'x', memory: '1Gi' } })).toEqual([
      `requests.memory: is not a Kubernetes quantity; ${QUANTITY_FIX}`,
      `limits.cpu: is not a Kubernetes quantity; ${QUANTITY_FIX}`,
    ]);
  });
});
