import { ErrandError, ErrorCode } from '@errand/contracts';

/**
 * Redis would evict keys under memory pressure, jobs among them, silently.
 * The message says how to fix it, and how to skip the check.
 */
export class RedisEvictionPolicyError extends ErrandError {
  constructor(reason: string) {
    super(
      ErrorCode.redisEvictionPolicy,
      `${reason} Jobs must never be evicted: run \`redis-cli CONFIG SET maxmemory-policy noeviction\` ` +
        '(and `CONFIG REWRITE`), or set `maxmemory-policy noeviction` in redis.conf. ' +
        'On a managed Redis that hides CONFIG, choose noeviction in its settings and set ' +
        `${SKIP_EVICTION_CHECK}=true.`,
    );
    this.name = 'RedisEvictionPolicyError';
  }
}

/** The variable that turns the start-up eviction check off. */
export const SKIP_EVICTION_CHECK = 'REDIS_SKIP_EVICTION_CHECK';
