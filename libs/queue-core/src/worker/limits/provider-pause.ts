import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { UNREACHABLE_RATE_MAX } from '../../store/limits/job-type-limits';

/**
 * A provider's "slow down" (the `rateLimited` outcome) pauses its whole
 * type on every worker with BullMQ's own mechanism: the queue's limiter
 * key set to an unreachable count for the pause's length (what
 * `Queue.rateLimit` writes), which every worker's fetch script checks
 * before it takes a job. A type without a rate limit gets the unreachable
 * one first (store/limits), since BullMQ looks at the limiter key only for
 * a queue with one. A longer pause already running is kept; a shorter one
 * is lengthened.
 *
 * KEYS: limiter, meta. ARGV: pause ms, the unreachable count.
 * Returns 1 when this starts a pause, 0 when one was already on.
 */
const PAUSE = `
if redis.call('HEXISTS', KEYS[2], 'max') == 0 then
  redis.call('HSET', KEYS[2], 'max', ARGV[2], 'duration', 1000)
end
local count = tonumber(redis.call('GET', KEYS[1]) or '0')
local ttl = redis.call('PTTL', KEYS[1])
local on = count >= tonumber(ARGV[2]) and ttl > 0
if on and ttl >= tonumber(ARGV[1]) then return 0 end
redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[1])
if on then return 0 end
return 1
`;

/**
 * Stops every worker of the queue's type from starting jobs for `ms`.
 * Resolves true when this call started the pause (so it is logged once).
 */
export async function pauseForProvider(
  connection: Redis,
  queue: Pick<Queue, 'keys'>,
  ms: number,
): Promise<boolean> {
  const started = await connection.eval(
    PAUSE,
    2,
    queue.keys.limiter,
    queue.keys.meta,
    String(Math.max(1, Math.round(ms))),
    String(UNREACHABLE_RATE_MAX),
  );
  return started === 1;
}
