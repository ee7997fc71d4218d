import { Type, type Static } from '@sinclair/typebox';

/** The most jobs a limit may allow (per window, at once, or per key). */
const MAX_LIMIT = 1_000_000;
/** The longest rate-limit window: one day. */
const MAX_RATE_WINDOW_MS = 24 * 60 * 60 * 1_000;

/** At most `max` jobs of a type start per `durationMs`, across all workers. */
export const RateLimit = Type.Object(
  {
    max: Type.Integer({
      minimum: 1,
      maximum: MAX_LIMIT,
      description: 'Jobs that may start in one window, across all workers.',
    }),
    durationMs: Type.Integer({
      minimum: 1,
      maximum: MAX_RATE_WINDOW_MS,
      description: 'The window, in milliseconds.',
    }),
  },
  { additionalProperties: false },
);
export type RateLimit = Static<typeof RateLimit>;

const cap = (description: string) =>
  Type.Union([
    Type.Integer({ minimum: 1, maximum: MAX_LIMIT, description }),
    Type.Null(),
  ]);

/**
 * A job type's flow limits, each held across every worker; `null` means
 * no such limit. The body of `PUT /job-types/{type}/limits`, which
 * replaces all three at once.
 */
export const JobTypeLimits = Type.Object(
  {
    rateLimit: Type.Union([RateLimit, Type.Null()]),
    maxConcurrent: cap('Jobs of the type running at once, across all workers.'),
    perKeyConcurrency: cap(
      'Jobs with the same `concurrencyKey` running at once, across all workers.',
    ),
  },
  { additionalProperties: false },
);
export type JobTypeLimits = Static<typeof JobTypeLimits>;

/** No limit at all: what a type has unless its catalog entry or configuration sets one. */
export const NO_LIMITS: JobTypeLimits = {
  rateLimit: null,
  maxConcurrent: null,
  perKeyConcurrency: null,
};

/**
 * Where a type's limits come from: set at run time (`PUT`, `inspector
 * limits set`), else the `JOB_TYPE_LIMITS` configuration, else the catalog.
 */
export const LimitsSource = Type.Union([
  Type.Literal('runtime'),
  Type.Literal('config'),
  Type.Literal('catalog'),
]);
export type LimitsSource = Static<typeof LimitsSource>;

/** The answer of `GET` and `PUT /job-types/{type}/limits`. */
export const JobTypeLimitsView = Type.Object(
  {
    type: Type.String(),
    limits: JobTypeLimits,
    source: LimitsSource,
  },
  { additionalProperties: false },
);
export type JobTypeLimitsView = Static<typeof JobTypeLimitsView>;
