import type { Static, TSchema } from '@sinclair/typebox';
import type { JobTypeLimits } from '../limits/job-type-limits';

/**
 * How a job type spaces out its retries. `attempt` counts failed attempts
 * so far, from 1; `jitter` (0 to 1) is the share of each wait that may be
 * taken off at random, so jobs that failed together do not retry together.
 * - `exponential`: `baseMs · 2^(attempt−1)`, never above `capMs`;
 * - `fixed`: `delayMs` after every failure;
 * - `custom`: a function the worker registers under `name`
 *   (`ConsumerOptions.backoffStrategies`); a worker serving the type
 *   without it refuses to start.
 */
export type BackoffPolicy =
  | { strategy: 'exponential'; baseMs: number; capMs: number; jitter: number }
  | { strategy: 'fixed'; delayMs: number; jitter: number }
  | { strategy: 'custom'; name: string };

/** What a job type does when a request leaves an option out. */
interface JobDefaults {
  /** Retries after the first attempt fails; attempts = retries + 1. */
  retries: number;
  /** 0 runs first; larger numbers run later (see `EnqueueRequest.priority`). */
  priority: number;
  /** How long one attempt may run before it fails as timed out. */
  timeoutMs: number;
  /**
   * How failed attempts are spaced out.
   * @defaultValue the worker's global policy: 1 s doubling up to 5 minutes,
   *   up to 20 % shorter at random
   */
  backoff?: BackoffPolicy;
  /**
   * Flow limits held across every worker (docs/flow-control.md); the
   * `JOB_TYPE_LIMITS` configuration and `PUT /job-types/{type}/limits`
   * override them. @defaultValue none: no rate limit and no caps
   */
  limits?: Partial<JobTypeLimits>;
}

/** Turns a payload of one version into the shape of the next version. */
type Upcaster = (payload: unknown) => unknown;

/**
 * Another name a job type answers to, for the clients of the queues Errand
 * replaces (`send_email` for `email.send`). A job asked for under an alias
 * is stored under the catalog type, with the alias kept as its
 * `requestedType`.
 */
export interface JobAlias {
  /**
   * The payload adapter: fields the alias's clients send under another
   * name, as `{ aliasField: catalogField }` (`{ email: 'to' }`). The
   * alias's payload is checked with the fields so named, then renamed and
   * checked against the type's own contract.
   * @defaultValue none: the payload is the type's own
   */
  renames?: Readonly<Record<string, string>>;
}

/** One job type: what it takes, what it returns and how it runs by default. */
export interface JobDefinition<
  Payload extends TSchema = TSchema,
  Result extends TSchema = TSchema,
> {
  description: string;
  /**
   * The payload's version, from 1. Bump it when the payload changes shape,
   * and add the upcaster from the previous version.
   */
  version: number;
  payload: Payload;
  result: Result;
  defaults: JobDefaults;
  /**
   * `upcasters[n]` turns a version-n payload into version n + 1, so jobs
   * queued before a deploy still run after it. Needed for every n below
   * `version` that jobs may still carry.
   */
  upcasters?: Readonly<Record<number, Upcaster>>;
  /** A valid payload, shown in the API documentation. */
  example: Static<Payload>;
  /**
   * Other names the type answers to, by name. Each must be unique across
   * the catalog, types included (checked at load).
   * @defaultValue none
   */
  aliases?: Readonly<Record<string, JobAlias>>;
}

/** Declares a job type; the identity function keeps the schemas' types. */
export function defineJob<Payload extends TSchema, Result extends TSchema>(
  definition: JobDefinition<Payload, Result>,
): JobDefinition<Payload, Result> {
  return definition;
}
