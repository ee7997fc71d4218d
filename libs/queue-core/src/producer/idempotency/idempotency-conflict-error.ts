import { ErrandError, ErrorCode, IDEMPOTENCY_HEADER } from '@errand/contracts';

/** The idempotency key was first used with a different request body. */
export class IdempotencyConflictError extends ErrandError {
  constructor(readonly jobId: string) {
    super(
      ErrorCode.idempotencyConflict,
      `This ${IDEMPOTENCY_HEADER} was already used for job "${jobId}" with a different body; use a new key for a new job.`,
    );
    this.name = 'IdempotencyConflictError';
  }
}
