import type { RequestHandler } from 'express';
import {
  ipKeyGenerator,
  rateLimit,
  type AugmentedRequest,
} from 'express-rate-limit';
import { RedisStore } from 'rate-limit-redis';
import {
  rateLimitKeyPrefix,
  redisCommandSender,
  type JobStore,
} from '@errand/queue-core';
import type { Logger } from '@errand/runtime';
import { principalOf } from '../auth/principal-of';
import { RateLimitedError } from './rate-limited-error';

/**
 * rate-limit-redis loads its Lua script once, at start-up; should Redis be
 * away then, every later count would fail on the stored rejection. This
 * store loads it again after a failure, so the limit comes back with Redis.
 */
export class ReloadingRedisStore extends RedisStore {
  override async increment(key: string) {
    try {
      return await super.increment(key);
    } catch (error) {
      this.incrementScriptSha = this.loadIncrementScript();
      this.incrementScriptSha.catch(() => undefined);
      throw error;
    }
  }
}

/** Client addresses whose bucket name is remembered (see {@link ipBucketNamer}). */
const REMEMBERED_ADDRESSES = 10_000;

/**
 * The bucket of a client address, for an API without keys: the address
 * itself, or its /56 for IPv6 (one host can hold a whole /64).
 * `ipKeyGenerator` parses every IPv6 address in full, about 3 % of the
 * API's CPU per request in the bench, where every client is `::ffff:…`;
 * the few addresses a deployment sees are remembered instead, in a map
 * emptied when full.
 */
export function ipBucketNamer(): (ip: string) => string {
  const buckets = new Map<string, string>();
  return ip => {
    let bucket = buckets.get(ip);
    if (bucket === undefined) {
      if (buckets.size >= REMEMBERED_ADDRESSES) buckets.clear();
      bucket = `ip:${ipKeyGenerator(ip)}`;
      buckets.set(ip, bucket);
    }
    return bucket;
  };
}

/**
 * Per-key rate limit: `perMinute` requests per key name (per client address
 * when the API runs without keys) in a fixed one-minute window, counted in
 * Redis so that every API replica shares one budget. Over it: 429
 * `request.rateLimited` with `Retry-After` and `RateLimit` headers. When
 * Redis cannot count, requests pass: the route itself then answers 503.
 * Mount after `authenticate`.
 */
export function rateLimitByKey(
  queues: JobStore,
  perMinute: number,
  logger: Logger,
): RequestHandler {
  const ipBucket = ipBucketNamer();
  return rateLimit({
    windowMs: 60_000,
    limit: perMinute,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    passOnStoreError: true,
    store: new ReloadingRedisStore({
      sendCommand: redisCommandSender(queues),
      prefix: rateLimitKeyPrefix(queues.naming),
    }),
    // express-rate-limit checks at start-up that a keyGenerator reading
    // `req.ip` calls `ipKeyGenerator`, by searching the function's source
    // text: it cannot see the call inside ipBucketNamer, so it warned on
    // every start (ERR_ERL_KEY_GEN_IPV6). The grouping is the helper's own
    // (/56 for IPv6), only remembered; the check is off for that reason.
    validate: { keyGeneratorIpFallback: false },
    keyGenerator: (req, res) => {
      const principal = principalOf(res);
      return principal.open ? ipBucket(req.ip ?? '') : `key:${principal.name}`;
    },
    handler: (req, _res, next) => {
      const { resetTime } = (req as AugmentedRequest).rateLimit;
      const resetAt = resetTime?.getTime() ?? Date.now() + 60_000;
      const seconds = Math.max(1, Math.ceil((resetAt - Date.now()) / 1_000));
      next(new RateLimitedError(perMinute, seconds));
    },
    logger: {
      // Without a message it is one of the library's start-up checks.
      error: (error, message) =>
        logger.warn(message ?? 'rate limit check failed', {
          code: (error as { code?: unknown })?.code,
          error: (error as Error)?.message,
        }),
      warn: (error, message) =>
        logger.warn(message ?? 'rate limit warning', {
          code: (error as { code?: unknown })?.code,
          error: (error as Error)?.message,
        }),
    },
  });
}
