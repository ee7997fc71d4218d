import { ErrandError } from './errand-error';
import type { FieldIssue } from './field-issue';
import { ErrorCode } from './error-code';

/** The parts of a request a contract checks: the envelope or the payload. */
export type ContractViolationCode =
  typeof ErrorCode.invalidRequest | typeof ErrorCode.invalidPayload;

/** Input that does not match its contract, with every offending field. */
export class ContractViolationError extends ErrandError {
  constructor(
    code: ContractViolationCode,
    message: string,
    issues: readonly FieldIssue[],
  ) {
    super(code, message, issues);
    this.name = 'ContractViolationError';
  }
}
