import type { Request } from 'express';
import {
  authFailureKeyPrefix,
  redisCommandSender,
  type JobStore,
} from '@errand/queue-core';
import type { Logger } from '@errand/runtime';
import { ipBucketNamer, ReloadingRedisStore } from '../limits/rate-limit';
import { AuthFailuresLimitedError } from './auth-failures-limited-error';
import { UnauthenticatedError } from './unauthenticated-error';

/** Failed attempts an address may make per window. */
export const DEFAULT_AUTH_FAILURE_LIMIT = 20;

/** The window failures are counted in: 15 minutes. */
export const DEFAULT_AUTH_FAILURE_WINDOW_MS = 15 * 60 * 1_000;

/** How many failed attempts each client address may make, and in what. */
export interface AuthFailureLimitOptions {
  /** @defaultValue {@link DEFAULT_AUTH_FAILURE_LIMIT} */
  limit: number;
  /** A fixed window from the first failure. @defaultValue 15 min */
  windowMs: number;
}

/** The rate-limit store, with the read script reloaded like the write's. */
class FailureStore extends ReloadingRedisStore {
  override async get(key: string) {
    try {
      return await super.get(key);
    } catch (error) {
      this.getScriptSha = this.loadGetScript();
      this.getScriptSha.catch(() => undefined);
      throw error;
    }
  }
}

/**
 * Counts failed authentication (a key that matches no configured key, as a
 * Bearer header or in the dashboard's login form) per client address (its
 * /56 for IPv6, as the rate limit groups them), in Redis so every replica
 * shares the count, in a fixed window from the first failure. Past the
 * limit the address is refused with a 429 until the window ends, even with
 * a valid key: it cannot keep guessing, and a valid key does not reset the
 * count (the guesser may hold one of its own).
 *
 * Only failures count: a request that succeeds, or carries no key at all,
 * costs nothing, so a busy client with a valid key is never limited here.
 * When Redis cannot count, requests pass uncounted (with a warning), as
 * through the rate limit: keys are 256-bit random strings, so the limit is
 * a second line of defence, not worth failing `/metrics` or the login
 * during an outage; the routes that need Redis answer 503 themselves.
 */
export class AuthFailureLimit {
  private readonly store: FailureStore;
  private readonly bucketOf = ipBucketNamer();

  constructor(
    queues: JobStore,
    private readonly options: AuthFailureLimitOptions,
    private readonly logger: Logger,
  ) {
    this.store = new FailureStore({
      sendCommand: redisCommandSender(queues),
      prefix: authFailureKeyPrefix(queues.naming),
    });
    // Loads the scripts; should Redis be away, the first use loads them.
    this.store
      .init({ windowMs: options.windowMs } as Parameters<
        FailureStore['init']
      >[0])
      .catch(() => undefined);
  }

  /** Throws the 429 when the request's address is blocked. */
  async refuseIfBlocked(req: Request): Promise<void> {
    const info = await this.store
      .get(this.bucketOf(req.ip ?? ''))
      .catch(error => this.uncounted(error));
    if (info && info.totalHits >= this.options.limit) {
      throw this.limitedUntil(info.resetTime);
    }
  }

  /**
   * Counts one failure of the request's address. Returns the 429 to answer
   * instead of the 401 when this failure went past the limit (concurrent
   * guesses that all passed {@link refuseIfBlocked}).
   */
  async recordFailure(req: Request): Promise<Error | undefined> {
    const counted = await this.store
      .increment(this.bucketOf(req.ip ?? ''))
      .catch(error => this.uncounted(error));
    return counted && counted.totalHits > this.options.limit
      ? this.limitedUntil(counted.resetTime)
      : undefined;
  }

  private uncounted(error: unknown): undefined {
    this.logger.warn('auth failure limit store failed', {
      error: (error as Error)?.message,
    });
    return undefined;
  }

  private limitedUntil(resetTime: Date | undefined): AuthFailuresLimitedError {
    const resetAt = resetTime?.getTime() ?? Date.now() + this.options.windowMs;
    const seconds = Math.max(1, Math.ceil((resetAt - Date.now()) / 1_000));
    return new AuthFailuresLimitedError(
      this.options.limit,
      this.options.windowMs,
      seconds,
    );
  }

  /**
   * Runs `attempt` (which throws {@link UnauthenticatedError} on a bad key)
   * for a request from an address that is not blocked, and counts its
   * failure: the 401, or the 429 once past the limit.
   */
  async guard<T>(req: Request, attempt: () => T): Promise<T> {
    await this.refuseIfBlocked(req);
    try {
      return attempt();
    } catch (error) {
      if (!(error instanceof UnauthenticatedError)) throw error;
      throw (await this.recordFailure(req)) ?? error;
    }
  }
}
