import { ErrandError, ErrorCode } from '@errand/contracts';

/**
 * A key (or the process) holds as many open event streams as it may: a
 * 429 `request.rateLimited`, as for any other "too many", with the
 * `Retry-After` a client should wait before it tries again.
 */
export class TooManyStreamsError extends ErrandError {
  constructor(
    detail: string,
    /** Seconds to wait before opening another, for `Retry-After`. */
    readonly retryAfterSeconds: number,
  ) {
    super(ErrorCode.rateLimited, detail);
    this.name = 'TooManyStreamsError';
  }
}
