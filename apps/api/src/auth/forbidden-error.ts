import { ErrandError, ErrorCode } from '@errand/contracts';

/** A valid key without the role, or the job type, the request needs. */
export class ForbiddenError extends ErrandError {
  constructor(message: string) {
    super(ErrorCode.forbidden, message);
    this.name = 'ForbiddenError';
  }
}
