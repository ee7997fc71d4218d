import { ErrandError, ErrorCode } from '@errand/contracts';

/** Redis did not answer in time or is not connected; try again later. */
export class QueueUnavailableError extends ErrandError {
  constructor(reason: string, options?: { cause?: unknown }) {
    super(
      ErrorCode.queueUnavailable,
      `The queue store (Redis) is unavailable: ${reason}`,
      [],
      options,
    );
    this.name = 'QueueUnavailableError';
  }
}
