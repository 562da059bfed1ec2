/**
 * Kubernetes quantities (`500m`, `1.5Gi`, `2e3`), parsed with the grammar of
 * k8s.io/apimachinery `pkg/api/resource/quantity.go` so they can be compared, and the
 * requests/limits schema every container of the library uses (limits never below requests).
 *
 * ```
 * <quantity>  ::= <number><suffix>          (signs are refused: resources are never negative)
 * <number>    ::= <digits> | <digits>.<digits> | <digits>. | .<digits>
 * <suffix>    ::= Ki | Mi | Gi | Ti | Pi | Ei | n | u | m | "" | k | M | G | T | P | E | e<int> | E<int>
 * ```
 */
import { z } from 'zod';
import { compareQuantities, parseQuantity, QUANTITY_FIX } from './quantity-value';
import { strictObject } from './strict';

export { compareQuantities, parseQuantity, QUANTITY_FIX } from './quantity-value';

/** A Kubernetes quantity. */
export function quantitySchema() {
  return z.string().refine((q) => parseQuantity(q) !== undefined, { message: `is not a Kubernetes quantity; ${QUANTITY_FIX}` });
}

/** A memory quantity: a quantity, not fractional bytes (`512m` is half a byte; `512Mi` was meant). */
export function memorySchema() {
  return quantitySchema().superRefine((q, ctx) => {
    if (/[0-9.][mun]$/.test(q)) ctx.addIssue({ code: 'custom', message: `is a fraction of a byte ("m" means milli); use "Mi" or "Gi" for byte sizes, e.g. "${q.slice(0, -1)}Mi"` });
  });
}

/** Requests and limits of a container as the library's props take them. */
export interface ResourcesShape {
  readonly requests: { readonly cpu: string; readonly memory: string };
  readonly limits: { readonly cpu?: string; readonly memory: string };
}

/** Options of {@link resourceRequirementsSchema}. */
export interface ResourcesSchemaOptions {
  /**
   * Whether `limits.cpu` is required (a CPU limit throttles a container at its limit; most
   * components leave it unset and rely on the request).
   * @default false
   */
  readonly cpuLimitRequired?: boolean;
  /** The message when the whole `resources` prop is missing or not an object. */
  readonly message?: string;
}

/**
 * `{ requests: { cpu, memory }, limits: { cpu?, memory } }`, strict, with every limit at least its
 * request (the API server refuses a limit below its request) and no quantity at zero.
 */
export function resourceRequirementsSchema(options: ResourcesSchemaOptions = {}) {
  const cpu = quantitySchema().refine((q) => parseQuantity(q) !== 0, { message: 'is zero; give a positive amount, e.g. "100m"' });
  const memory = memorySchema().refine((q) => parseQuantity(q) !== 0, { message: 'is zero; give a positive amount, e.g. "256Mi"' });
  return strictObject(
    {
      requests: strictObject({ cpu, memory }, { message: 'is required; give requests.cpu and requests.memory' }),
      limits: strictObject(
        { cpu: options.cpuLimitRequired ? cpu : cpu.optional(), memory },
        { message: options.cpuLimitRequired ? 'is required; give limits.cpu and limits.memory' : 'is required; give at least limits.memory' },
      ),
    },
    { message: options.message },
  ).superRefine((r, ctx) => {
    for (const resource of ['cpu', 'memory'] as const) {
      const request = r.requests[resource];
      const limit = r.limits[resource];
      // Refinements run even when a quantity failed its own check (or is a Terraform token): compare valid ones only.
      const [l, q] = [parseQuantity(limit ?? ''), parseQuantity(request ?? '')];
      if (l !== undefined && q !== undefined && l > 0 && compareQuantities(limit!, request) < 0) {
        ctx.addIssue({
          code: 'custom',
          path: ['limits', resource],
          message: `is below requests.${resource} (${request}); the API server refuses a limit below its request, raise the limit or lower the request`,
        });
      }
    }
  });
}
