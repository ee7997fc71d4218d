import { Type, type Static } from '@sinclair/typebox';
import { JobTypeLimits, LimitsSource } from './job-type-limits';

const count = Type.Integer({ minimum: 0 });

/**
 * How many queued jobs of a type each kind of limit holds back now. The
 * rate limit, the type-wide cap and a provider's pause hold the whole
 * queue while they bite, so each counts every queued job then, and 0
 * otherwise; `key` counts the jobs held by their key's cap.
 */
const HeldCounts = Type.Object(
  {
    rateLimit: count,
    maxConcurrent: count,
    provider: count,
    key: count,
  },
  { additionalProperties: false },
);
type HeldCounts = Static<typeof HeldCounts>;

/** A type's flow limits and what they do now (`GET /stats`, `/metrics`). */
export const FlowState = Type.Object(
  {
    limits: JobTypeLimits,
    source: LimitsSource,
    /** When a provider's pause (`rateLimited`) ends; null when none holds. */
    pausedUntil: Type.Union([
      Type.String({ format: 'date-time' }),
      Type.Null(),
    ]),
    /** Milliseconds until the rate limit's window lets jobs start again; 0 when it does not bite. */
    rateLimitedForMs: count,
    /** Jobs of the type running now, against `limits.maxConcurrent`. */
    running: count,
    /** Concurrency keys with jobs held back by `limits.perKeyConcurrency`. */
    keysHolding: count,
    held: HeldCounts,
  },
  { additionalProperties: false },
);
export type FlowState = Static<typeof FlowState>;
