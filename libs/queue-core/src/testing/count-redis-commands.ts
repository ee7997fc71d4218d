import { Redis } from 'ioredis';

/** Every command the server has run so far, from `INFO commandstats`. */
async function commandsSoFar(redis: Redis): Promise<number> {
  const info = await redis.info('commandstats');
  let total = 0;
  for (const match of info.matchAll(/^cmdstat_[^:]+:calls=(\d+)/gm)) {
    total += Number(match[1]);
  }
  return total;
}

/**
 * How many Redis commands the server at `url` runs while `work` runs,
 * commands inside scripts included (Redis counts those too). The counter's
 * own connection is opened before the first reading and its one `INFO`
 * between the readings is taken off, so on a server nothing else uses the
 * figure is `work`'s alone, connection set-up included.
 */
export async function countRedisCommands(
  url: string,
  work: () => Promise<unknown>,
): Promise<number> {
  const redis = new Redis(url, { lazyConnect: true });
  try {
    await redis.connect();
    const before = await commandsSoFar(redis);
    await work();
    const after = await commandsSoFar(redis);
    return after - before - 1;
  } finally {
    redis.disconnect();
  }
}

/**
 * Script calls (`EVAL` and `EVALSHA`) the server behind `redis` has run so
 * far: a spec's reading before and after some work is how many scripts it
 * sent.
 */
export async function scriptCallsSoFar(redis: Redis): Promise<number> {
  const info = await redis.info('commandstats');
  return [...info.matchAll(/^cmdstat_eval(?:sha)?:calls=(\d+)/gm)].reduce(
    (sum, [, calls]) => sum + Number(calls),
    0,
  );
}
