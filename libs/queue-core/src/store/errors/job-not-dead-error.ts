import { ErrandError, ErrorCode, type JobStatus } from '@errand/contracts';

/** Only dead jobs can be sent back to the queue. */
export class JobNotDeadError extends ErrandError {
  constructor(
    readonly jobId: string,
    readonly status: JobStatus,
  ) {
    super(
      ErrorCode.jobNotDead,
      `Job "${jobId}" is ${status}, not dead; only dead jobs can be retried.`,
    );
    this.name = 'JobNotDeadError';
  }
}
