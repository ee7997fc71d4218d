import {
  ErrandError,
  parseEnqueueBatch,
  parseEnqueueRequest,
  parseFlowRequest,
} from '@errand/contracts';
import { ErrandClientError } from '../errors/errand-client-error';

/**
 * Checks an enqueue request with the API's own parser before it is sent, so
 * a bad payload fails at once with the code and issues the API would answer
 * (`status` and `problem` stay undefined: no request was made).
 */
export function checkEnqueueRequest(body: Record<string, unknown>): void {
  rethrowForClient(() => parseEnqueueRequest(body));
}

/** {@link checkEnqueueRequest} for a `POST /enqueue/batch` body. */
export function checkEnqueueBatch(body: { jobs: unknown[] }): void {
  rethrowForClient(() => parseEnqueueBatch(body));
}

/** {@link checkEnqueueRequest} for a `POST /flows` body, every node. */
export function checkFlowRequest(body: unknown): void {
  rethrowForClient(() => parseFlowRequest(body));
}

function rethrowForClient(parse: () => unknown): void {
  try {
    parse();
  } catch (error) {
    if (!(error instanceof ErrandError)) throw error;
    throw new ErrandClientError(error.code, error.message, {
      issues: error.issues,
      cause: error,
    });
  }
}
