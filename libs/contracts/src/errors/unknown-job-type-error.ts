import { ErrandError } from './errand-error';
import { ErrorCode } from './error-code';

/** A job type the catalog does not list; the message names the known ones. */
export class UnknownJobTypeError extends ErrandError {
  constructor(
    readonly type: string,
    readonly knownTypes: readonly string[],
  ) {
    const message = `Unknown job type "${type}". Known types: ${knownTypes.join(', ')}.`;
    super(ErrorCode.unknownJobType, message, [{ path: '/type', message }]);
    this.name = 'UnknownJobTypeError';
  }
}
