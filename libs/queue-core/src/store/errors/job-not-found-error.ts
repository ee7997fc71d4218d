import { ErrandError, ErrorCode } from '@errand/contracts';

/** No job has this id (it never existed, or its retention ran out). */
export class JobNotFoundError extends ErrandError {
  constructor(readonly jobId: string) {
    super(ErrorCode.jobNotFound, `No job has the id "${jobId}".`);
    this.name = 'JobNotFoundError';
  }
}
