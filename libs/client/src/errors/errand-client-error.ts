import type { FieldIssue, Problem } from '@errand/contracts';
import type { ErrandClientErrorCode } from './client-error-code';

/** What an {@link ErrandClientError} knows besides its code and message. */
export interface ErrandClientErrorDetails {
  /** The HTTP status; absent when no response came back. */
  status?: number;
  /** Every offending field, for contract violations. */
  issues?: readonly FieldIssue[];
  /** The API's `application/problem+json` body, when there was one. */
  problem?: Problem;
  cause?: unknown;
}

/**
 * Every failure of an Errand client call. Branch on `code`: the API's stable
 * problem codes (`contract.invalidPayload`, `job.notFound`, ...) or the
 * client's own `client.*` codes when the API could not answer.
 */
export class ErrandClientError extends Error {
  /** The problem's `code`, or a `client.*` code. */
  readonly code: ErrandClientErrorCode;
  /** The HTTP status; `undefined` when no response came back. */
  readonly status: number | undefined;
  /** The problem's `errors`: one `{path, message}` per offending field. */
  readonly issues: readonly FieldIssue[];
  /** The problem body as the API sent it; `undefined` without one. */
  readonly problem: Problem | undefined;

  constructor(
    code: ErrandClientErrorCode,
    message: string,
    details: ErrandClientErrorDetails = {},
  ) {
    super(message, { cause: details.cause });
    this.name = 'ErrandClientError';
    this.code = code;
    this.status = details.status;
    this.issues = details.issues ?? [];
    this.problem = details.problem;
  }
}
