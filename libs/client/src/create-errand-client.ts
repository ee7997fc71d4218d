import {
  type EnqueueAccepted,
  type EnqueueBatchAccepted,
  type EnqueueOptions,
  IDEMPOTENCY_HEADER,
  type JobType,
  type JobView,
  type PayloadOf,
  type ValidEnqueueRequest,
} from '@errand/contracts';
import type { ErrandClientOptions } from './client-options';
import { createFlowsClient, type ErrandFlows } from './flows/flows-client';
import { sendRequest, type Transport } from './transport/send-request';
import {
  checkEnqueueBatch,
  checkEnqueueRequest,
} from './validation/check-enqueue-request';

/** The default of {@link ErrandClientOptions.timeoutMs}. */
const DEFAULT_TIMEOUT_MS = 10_000;

/**
 * A typed producer for the Errand HTTP API. Every method rejects with an
 * `ErrandClientError` carrying the problem's `code`, or a `client.*` code
 * when the API could not answer.
 */
export interface ErrandClient {
  /**
   * `POST /enqueue`. The payload is typed by the job type's contract, so a
   * wrong one fails to compile; it is checked again at run time (see
   * {@link ErrandClientOptions.validateLocally}) and by the API. With an
   * `idempotencyKey`, a repeat (a retry after a timeout, say) answers the
   * first job instead of storing another; the same key with another
   * request fails with `request.idempotencyConflict` (409).
   */
  enqueue<T extends JobType>(
    type: T,
    payload: PayloadOf<T>,
    options?: ClientEnqueueOptions,
  ): Promise<EnqueueAccepted>;
  /**
   * `POST /enqueue/batch`: 1 to 1 000 jobs, stored all or none. Each job is
   * typed like {@link ErrandClient.enqueue}'s arguments; a bad one fails the
   * whole batch with issue paths such as `/jobs/3/payload/to`.
   */
  enqueueBatch(jobs: readonly BatchJob[]): Promise<EnqueueBatchAccepted>;
  /** `GET /jobs/:id`; `job.notFound` (404) for an unknown id. */
  getJob(id: string): Promise<JobView>;
  /**
   * `POST /jobs/:id/retry`: sends a dead job back to its queue (same id,
   * attempts reset); `job.notDead` (409) for any other job.
   */
  retryJob(id: string): Promise<JobView>;
  /** `POST /flows` and `GET /flows/:id`: jobs that wait for jobs. */
  flows: ErrandFlows;
}

/** The options of {@link ErrandClient.enqueue}. */
export interface ClientEnqueueOptions extends EnqueueOptions {
  /**
   * Sent as the `Idempotency-Key` header: 1 to 255 printable ASCII
   * characters, e.g. the id of the order the job is for.
   */
  idempotencyKey?: string;
}

/** One job of {@link ErrandClient.enqueueBatch}: its payload typed by `type`. */
export type BatchJob = ValidEnqueueRequest;

/** Creates a client; nothing is sent until a method is called. */
export function createErrandClient(options: ErrandClientOptions): ErrandClient {
  const transport = toTransport(options);
  const validateLocally = options.validateLocally ?? true;
  const jobPath = (id: string) => `/jobs/${encodeURIComponent(id)}`;

  return {
    async enqueue(type, payload, { idempotencyKey, ...enqueueOptions } = {}) {
      const body = { ...enqueueOptions, type, payload };
      if (validateLocally) checkEnqueueRequest(body);
      return sendRequest(transport, {
        method: 'POST',
        path: '/enqueue',
        body,
        ...(idempotencyKey !== undefined && {
          headers: { [IDEMPOTENCY_HEADER]: idempotencyKey },
        }),
      });
    },
    async enqueueBatch(jobs) {
      const body = { jobs: [...jobs] };
      if (validateLocally) checkEnqueueBatch(body);
      return sendRequest(transport, {
        method: 'POST',
        path: '/enqueue/batch',
        body,
      });
    },
    getJob(id) {
      return sendRequest(transport, { method: 'GET', path: jobPath(id) });
    },
    retryJob(id) {
      return sendRequest(transport, {
        method: 'POST',
        path: `${jobPath(id)}/retry`,
      });
    },
    flows: createFlowsClient(transport, validateLocally),
  };
}

/** Checks the options once, so a typo in the URL fails here, not per call. */
function toTransport(options: ErrandClientOptions): Transport {
  const url = URL.canParse(options.baseUrl) ? new URL(options.baseUrl) : null;
  if (!url || !/^https?:$/.test(url.protocol)) {
    throw new TypeError('baseUrl must be an absolute http(s) URL.');
  }
  // Neither message repeats the URL: it may hold a secret.
  if (url.search || url.hash || url.username || url.password) {
    throw new TypeError(
      'baseUrl must not carry a query, fragment or credentials; pass apiKey instead.',
    );
  }
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  if (!(timeoutMs > 0)) {
    throw new RangeError(`timeoutMs must be positive (got ${timeoutMs}).`);
  }
  return {
    baseUrl: url.href.replace(/\/+$/, ''),
    apiKey: options.apiKey,
    // Looked up per call, so a fetch patched in later (tests, tracing) is used.
    fetch: options.fetch ?? ((input, init) => globalThis.fetch(input, init)),
    timeoutMs,
  };
}
