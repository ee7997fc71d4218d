import { ErrandError, ErrorCode, type JobStatus } from '@errand/contracts';

/** A job that has succeeded or died can no longer be cancelled. */
export class JobFinishedError extends ErrandError {
  constructor(
    readonly jobId: string,
    readonly status: JobStatus,
  ) {
    super(
      ErrorCode.jobFinished,
      `Job "${jobId}" has already finished (${status}); only queued, scheduled, retrying or running jobs can be cancelled.`,
    );
    this.name = 'JobFinishedError';
  }
}
