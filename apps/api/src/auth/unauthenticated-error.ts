import { ErrandError, ErrorCode } from '@errand/contracts';

/** No API key, or one that matches no configured key: a 401. */
export class UnauthenticatedError extends ErrandError {
  constructor(message: string) {
    super(ErrorCode.unauthenticated, message);
    this.name = 'UnauthenticatedError';
  }
}
