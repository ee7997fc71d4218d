import { ErrandError, ErrorCode } from '@errand/contracts';

/**
 * A job type's queue already holds its cap of waiting jobs: the producer
 * should slow down instead of filling Redis. Carries how long to wait.
 */
export class QueueFullError extends ErrandError {
  constructor(
    readonly type: string,
    readonly cap: number,
    /** Seconds the caller should wait before trying again. */
    readonly retryAfterSeconds: number,
  ) {
    super(
      ErrorCode.queueFull,
      `The ${type} queue holds its cap of ${cap} waiting jobs; try again in ${retryAfterSeconds} s.`,
    );
    this.name = 'QueueFullError';
  }
}
