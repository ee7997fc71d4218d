import { checkEvictionPolicy } from './check-eviction-policy';
import { redisUrlFrom, type RedisConfig } from './redis-config';
import { SKIP_EVICTION_CHECK } from './redis-eviction-policy-error';

/**
 * The Redis steps the API and the worker both take at start-up, before
 * they open their store: resolve the configured topology to one URL
 * (redis-config.ts), then refuse a Redis that may evict jobs
 * (check-eviction-policy.ts). A check that could not run is passed to
 * `warn` for the start-up log. Returns the URL.
 */
export async function prepareRedisAtStart(
  config: Partial<RedisConfig> & { [SKIP_EVICTION_CHECK]?: boolean },
  warn: (message: string) => void,
): Promise<string> {
  const url = redisUrlFrom(config);
  const eviction = await checkEvictionPolicy(url, {
    skip: config[SKIP_EVICTION_CHECK],
  });
  if (eviction !== 'noeviction') {
    warn(`redis eviction policy not checked: ${eviction}`);
  }
  return url;
}
