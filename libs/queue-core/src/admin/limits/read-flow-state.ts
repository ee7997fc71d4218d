import type { FlowState, JobType } from '@errand/contracts';
import type { JobStore } from '../../store/job-store';
import { heldKeysKey, keyHeldKey } from '../../store/keys';
import {
  limitsInForce,
  readRuntimeLimits,
  UNREACHABLE_RATE_MAX,
} from '../../store/limits/job-type-limits';
import type { LimitDefaults } from '../../store/limits/limits-config';

/** Keys whose held jobs are counted; past it `held.key` is a lower bound. */
const HELD_KEYS_READ = 1_000;

/**
 * Reads a type's limits and what they do now: BullMQ's limiter key (a
 * window's count, or a provider's pause, told apart by the unreachable
 * count the pause writes), the running jobs, and the jobs each limit
 * holds back. About eight Redis commands, plus one per key holding jobs.
 */
export async function readFlowState(
  queues: JobStore,
  type: JobType,
  defaults: LimitDefaults,
  now = Date.now(),
): Promise<FlowState> {
  const queue = queues.queueFor(type);
  const redis = queues.connection;
  const [runtime, count, ttl, running, waiting, prioritized, keys] =
    await Promise.all([
      readRuntimeLimits(redis, queues.naming, type),
      redis.get(queue.keys.limiter),
      redis.pttl(queue.keys.limiter),
      redis.llen(queue.keys.active),
      redis.llen(queue.keys.wait),
      redis.zcard(queue.keys.prioritized),
      redis.srandmember(heldKeysKey(queues.naming, type), HELD_KEYS_READ),
    ]);
  const { limits, source } = limitsInForce(type, runtime, defaults);
  const lengths = await Promise.all(
    keys.map(key => redis.llen(keyHeldKey(queues.naming, type, key))),
  );
  const queued = waiting + prioritized;
  const limited = count !== null && ttl > 0;
  const paused = limited && Number(count) >= UNREACHABLE_RATE_MAX;
  const rateBites =
    limited &&
    !paused &&
    limits.rateLimit !== null &&
    Number(count) >= limits.rateLimit.max;
  const capBites =
    limits.maxConcurrent !== null && running >= limits.maxConcurrent;
  return {
    limits,
    source,
    pausedUntil: paused ? new Date(now + ttl).toISOString() : null,
    rateLimitedForMs: rateBites ? ttl : 0,
    running,
    keysHolding: lengths.filter(n => n > 0).length,
    held: {
      rateLimit: rateBites ? queued : 0,
      maxConcurrent: capBites ? queued : 0,
      provider: paused ? queued : 0,
      key: lengths.reduce((sum, n) => sum + n, 0),
    },
  };
}

/** {@link readFlowState} for every type, in catalog order. */
export function readFlowStates(
  queues: JobStore,
  defaults: LimitDefaults,
): Promise<(FlowState & { type: JobType })[]> {
  return queues.runWithDeadline(() =>
    Promise.all(
      queues.all().map(async ({ type }) => ({
        type,
        ...(await readFlowState(queues, type, defaults)),
      })),
    ),
  );
}
