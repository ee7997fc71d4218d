import { ErrandError } from './errand-error';
import { ErrorCode } from './error-code';

/** A queued payload is older than its type, and no upcaster bridges the gap. */
export class MissingUpcasterError extends ErrandError {
  constructor(type: string, fromVersion: number) {
    super(
      ErrorCode.missingUpcaster,
      `The ${type} contract has no upcaster from version ${fromVersion} to ${fromVersion + 1}; add one to its definition.`,
    );
    this.name = 'MissingUpcasterError';
  }
}
