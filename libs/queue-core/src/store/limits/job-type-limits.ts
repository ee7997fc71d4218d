import type { Redis } from 'ioredis';
import {
  parseJobTypeLimits,
  type JobType,
  type JobTypeLimits,
  type JobTypeLimitsView,
} from '@errand/contracts';
import { jobTypeLimitsKey } from '../keys';
import type { QueueNaming } from '../queue-name';
import type { LimitDefaults } from './limits-config';

/**
 * A job type's flow limits, and the one place they become BullMQ's:
 * - the rate limit and the type-wide cap are BullMQ's own queue-wide
 *   settings (`max`, `duration` and `concurrency` in the queue's `meta`
 *   hash, what `Queue.setGlobalRateLimit` and `setGlobalConcurrency`
 *   write), read by every worker's fetch script, so a change holds on
 *   every worker at its next fetch;
 * - the per-key cap is Errand's (worker/limits/key-slots.ts); the worker
 *   reads it from the same place at each job with a key;
 * - limits set at run time are kept as JSON under
 *   {@link jobTypeLimitsKey}, beside the queue's keys, written in one
 *   transaction with `meta`; without them a type has its defaults (the
 *   catalog's, or `JOB_TYPE_LIMITS`), which each worker writes to `meta`
 *   when it starts.
 */

/**
 * BullMQ checks its limiter key, where a provider's pause is written
 * (worker/limits/provider-pause.ts), only for a queue with a rate limit:
 * a type without one carries this max, which no window reaches, so the
 * pause still holds its workers. It costs one `INCR` per job, in BullMQ's
 * fetch script.
 */
export const UNREACHABLE_RATE_MAX = Number.MAX_SAFE_INTEGER;
/** The window of the unreachable rate limit. */
const UNLIMITED_WINDOW_MS = 1_000;

/** Where one type's limits are kept: its queue's `meta` key and naming. */
export interface LimitsTarget {
  connection: Redis;
  naming: QueueNaming;
  type: JobType;
  /** The queue's BullMQ `meta` hash (`queue.keys.meta`). */
  metaKey: string;
}

/** The limits set at run time, or null when none are. */
export async function readRuntimeLimits(
  connection: Redis,
  naming: QueueNaming,
  type: JobType,
): Promise<JobTypeLimits | null> {
  const text = await connection.get(jobTypeLimitsKey(naming, type));
  if (text === null) return null;
  try {
    return parseJobTypeLimits(JSON.parse(text));
  } catch {
    // Written by another version: the defaults hold until it is set again.
    return null;
  }
}

/** The limits in force: those set at run time, else the defaults. */
export function limitsInForce(
  type: JobType,
  runtime: JobTypeLimits | null,
  defaults: LimitDefaults,
): JobTypeLimitsView {
  return runtime
    ? { type, limits: runtime, source: 'runtime' }
    : { type, ...defaults(type) };
}

/**
 * What becomes of the limits kept under {@link jobTypeLimitsKey}:
 * - `keep`: left as they are (a worker's start writing the defaults);
 * - `set`: replaced by the limits written (a change at run time);
 * - `drop`: deleted, so the type has its defaults again (a reset).
 */
export type RuntimeWrite = 'keep' | 'set' | 'drop';

/**
 * Writes `limits` to BullMQ's `meta` and does `runtime` to the limits
 * set at run time; one transaction (the two keys share the queue's slot).
 */
export async function writeLimits(
  target: LimitsTarget,
  limits: JobTypeLimits,
  runtime: RuntimeWrite,
): Promise<void> {
  const { connection, naming, type, metaKey } = target;
  const rate = limits.rateLimit ?? {
    max: UNREACHABLE_RATE_MAX,
    durationMs: UNLIMITED_WINDOW_MS,
  };
  const write = connection
    .multi()
    .hset(metaKey, 'max', rate.max, 'duration', rate.durationMs);
  if (limits.maxConcurrent === null) write.hdel(metaKey, 'concurrency');
  else write.hset(metaKey, 'concurrency', limits.maxConcurrent);
  if (runtime === 'set') {
    write.set(jobTypeLimitsKey(naming, type), JSON.stringify(limits));
  } else if (runtime === 'drop') {
    write.del(jobTypeLimitsKey(naming, type));
  }
  await write.exec();
}

/**
 * Writes a type's defaults to BullMQ's `meta`, unless limits were set at
 * run time (a worker's start must not undo an operator's change), and
 * returns the limits in force.
 */
export async function applyLimitsInForce(
  target: LimitsTarget,
  defaults: LimitDefaults,
): Promise<JobTypeLimitsView> {
  const runtime = await readRuntimeLimits(
    target.connection,
    target.naming,
    target.type,
  );
  const view = limitsInForce(target.type, runtime, defaults);
  await writeLimits(target, view.limits, 'keep');
  return view;
}
