import type { ErrorCode } from './error-code';
import type { FieldIssue } from './field-issue';

/**
 * The base of every error Errand raises on purpose. It carries a stable
 * `code` that each edge translates once (HTTP status, exit code, outcome),
 * so no caller ever branches on a message or a class name.
 */
export class ErrandError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    /** What exactly was wrong, for validation errors; empty otherwise. */
    readonly issues: readonly FieldIssue[] = [],
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'ErrandError';
  }
}
