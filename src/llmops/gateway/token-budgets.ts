/**
 * Per-tenant token budgets of the LLM gateway as an Envoy Gateway `BackendTrafficPolicy` (global
 * rate limit on Redis) on the LLM gateway's Gateway, the way Envoy AI Gateway documents it
 * ("Usage-based rate limiting"): the request costs nothing when it arrives (`cost.request` 0),
 * and when the response is complete the AI gateway filter's token count (dynamic metadata
 * `io.envoy.ai_gateway`/`llm_total_token`, from the route's `llmRequestCosts`) is charged to the
 * tenant's bucket. A tenant over its budget gets `429` until the window has room again; a request
 * admitted under the budget is never cut off (its tokens are charged at the end).
 *
 * Rules (each unshared; Envoy Gateway v1.9 moved only *shared* rules to another xDS location):
 * - one per named tenant: header `x-tenant-id` equal to the tenant, its own budget;
 * - the default: every other value of `x-tenant-id` (`Distinct`: one bucket per value), minus the
 *   named tenants (inverted `Exact` matches), the default budget.
 * Requests without `x-tenant-id` are not routed at all (`LlmGateway` requires the header), so no
 * request escapes a budget. The header is trusted as sent: authenticate clients in front of the
 * gateway (the front door, or an Envoy Gateway `SecurityPolicy`) so a tenant cannot claim another's.
 */
import { z } from 'zod';
import { Schemas } from '../../core/schemas';
import { AI_GATEWAY_METADATA_NAMESPACE, LLM_COST_KEYS, LLM_GATEWAY_HEADERS } from './constants';

/** Window of a budget (Envoy Gateway's rate limit units). */
export type TokenBudgetUnit = 'Minute' | 'Hour' | 'Day' | 'Week' | 'Month';

/** A token budget: at most `tokens` (input + output) per `unit`. */
export interface TokenBudget {
  readonly tokens: number;
  readonly unit: TokenBudgetUnit;
}

/** Budgets of the tenants. */
export interface TokenBudgets {
  /** The budget of every tenant not named in `tenants` (each tenant its own bucket). */
  readonly default: TokenBudget;
  /** Budgets of named tenants (the `x-tenant-id` value → budget). @default - none */
  readonly tenants?: Readonly<Record<string, TokenBudget>>;
}

const budget = Schemas.props<TokenBudget>()({
  tokens: z.number().int({ message: 'must be a whole number of tokens' }).min(0, { message: 'must be at least 0 (0 suspends the tenant)' }),
  unit: z.enum(['Minute', 'Hour', 'Day', 'Week', 'Month'], { message: 'must be "Minute", "Hour", "Day", "Week" or "Month"' }),
});

/** Zod schema of {@link TokenBudgets}. */
export const tokenBudgetsSchema = Schemas.props<TokenBudgets>()({
  default: budget,
  tenants: z.record(z.string().regex(/^[A-Za-z0-9._-]{1,128}$/, { message: 'is not a tenant id the library accepts; use letters, digits, ".", "_" and "-"' }), budget).optional(),
});

/** The `spec.rateLimit` of the policy. */
export function tokenBudgetRateLimit(budgets: TokenBudgets): Record<string, unknown> {
  const tenant = LLM_GATEWAY_HEADERS.tenant;
  const cost = {
    request: { from: 'Number', number: 0 },
    response: { from: 'Metadata', metadata: { namespace: AI_GATEWAY_METADATA_NAMESPACE, key: LLM_COST_KEYS.totalTokens } },
  };
  const named = Object.keys(budgets.tenants ?? {}).sort();
  const rule = (headers: Array<Record<string, unknown>>, b: TokenBudget) => ({ clientSelectors: [{ headers }], limit: { requests: b.tokens, unit: b.unit }, cost });
  return {
    type: 'Global',
    global: {
      rules: [
        ...named.map((t) => rule([{ name: tenant, type: 'Exact', value: t }], budgets.tenants![t])),
        rule([{ name: tenant, type: 'Distinct' }, ...named.map((t) => ({ name: tenant, type: 'Exact', value: t, invert: true }))], budgets.default),
      ],
    },
  };
}
