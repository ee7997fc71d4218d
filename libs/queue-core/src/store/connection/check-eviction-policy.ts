import { Type } from '@sinclair/typebox';
import { openRedis } from './open-redis';
import {
  RedisEvictionPolicyError,
  SKIP_EVICTION_CHECK,
} from './redis-eviction-policy-error';

/** The variable the API and the worker read for the start-up check. */
export const EvictionCheckConfig = {
  [SKIP_EVICTION_CHECK]: Type.Boolean({
    default: false,
    description:
      'true skips the start-up check that Redis has maxmemory-policy noeviction (for managed Redis that hides CONFIG).',
  }),
};

/** What the check found, for the start-up log. */
export type EvictionCheck = 'noeviction' | 'skipped' | 'unreachable';

/**
 * Refuses, with a {@link RedisEvictionPolicyError} saying how to fix it, a
 * Redis whose `maxmemory-policy` is not `noeviction`: any other policy lets
 * Redis delete queued jobs when memory runs short. Asked once at start-up
 * over a short-lived connection of its own.
 *
 * A Redis that cannot be reached within `timeoutMs` is not refused
 * (`'unreachable'`): the worker is meant to wait for Redis, and the API
 * answers 503 until it is back; the caller logs it. A Redis that hides
 * CONFIG is refused unless `skip` is set. In a cluster one node answers:
 * run every node with the same redis.conf.
 */
export async function checkEvictionPolicy(
  redisUrl: string,
  { skip = false, timeoutMs = 3_000 }: { skip?: boolean; timeoutMs?: number },
): Promise<EvictionCheck> {
  if (skip) return 'skipped';
  const connection = openRedis(redisUrl, {
    lazyConnect: true,
    connectTimeout: timeoutMs,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
    connectionName: 'errand-startup-check',
  });
  connection.on('error', () => undefined);
  try {
    try {
      await connection.connect();
    } catch {
      return 'unreachable';
    }
    let reply: unknown;
    try {
      reply = await connection.config('GET', 'maxmemory-policy');
    } catch (error) {
      throw new RedisEvictionPolicyError(
        `Could not read Redis's maxmemory-policy (${(error as Error).message}).`,
      );
    }
    const policy = Array.isArray(reply) ? String(reply[1]) : undefined;
    if (policy !== 'noeviction') {
      throw new RedisEvictionPolicyError(
        `Redis has maxmemory-policy "${policy ?? 'unknown'}".`,
      );
    }
    return 'noeviction';
  } finally {
    connection.disconnect();
  }
}
