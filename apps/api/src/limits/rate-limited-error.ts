import { ErrandError, ErrorCode } from '@errand/contracts';

/** A key (or, without keys, an address) spent its budget: a 429. */
export class RateLimitedError extends ErrandError {
  constructor(
    limit: number,
    /** Seconds until the budget refills, for `Retry-After`. */
    readonly retryAfterSeconds: number,
  ) {
    super(
      ErrorCode.rateLimited,
      `Over the limit of ${limit} requests a minute; try again in ${retryAfterSeconds} s.`,
    );
    this.name = 'RateLimitedError';
  }
}
