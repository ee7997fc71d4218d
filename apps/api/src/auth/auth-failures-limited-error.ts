import { ErrandError, ErrorCode } from '@errand/contracts';

/**
 * An address that failed authentication too often: a 429 (the code of
 * every rate limit) with `Retry-After`, whatever key it sends meanwhile.
 */
export class AuthFailuresLimitedError extends ErrandError {
  constructor(
    limit: number,
    windowMs: number,
    /** Seconds until the address may try again, for `Retry-After`. */
    readonly retryAfterSeconds: number,
  ) {
    super(
      ErrorCode.rateLimited,
      `Too many failed authentication attempts from this address (${limit} in ${Math.round(windowMs / 60_000)} min); try again in ${retryAfterSeconds} s.`,
    );
    this.name = 'AuthFailuresLimitedError';
  }
}
