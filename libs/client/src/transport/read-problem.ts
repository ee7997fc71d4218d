import type { Problem } from '@errand/contracts';
import { ClientErrorCode } from '../errors/client-error-code';
import { ErrandClientError } from '../errors/errand-client-error';

/**
 * Loose on purpose: a newer API may send a code this client does not know
 * yet, and it should still reach the caller rather than be dropped.
 */
function isProblem(body: unknown): body is Problem {
  const candidate = body as Partial<Problem> | null;
  return (
    typeof candidate === 'object' &&
    candidate !== null &&
    typeof candidate.code === 'string' &&
    typeof candidate.status === 'number'
  );
}

/**
 * Turns an error answer into an {@link ErrandClientError}: the problem's
 * code, detail and field issues, or `client.unexpectedResponse` when the
 * body is not a problem (a proxy's HTML page, an empty 502).
 */
export function readProblem(status: number, body: unknown): ErrandClientError {
  if (isProblem(body)) {
    return new ErrandClientError(body.code, body.detail ?? body.title, {
      status,
      issues: body.errors ?? [],
      problem: body,
    });
  }
  return new ErrandClientError(
    ClientErrorCode.unexpectedResponse,
    `The Errand API answered ${status} without a problem+json body.`,
    { status },
  );
}
