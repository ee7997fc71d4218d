import { pacedSends } from './paced-sends';
import type { RequestRecord } from './chaos-types';

/** How hard and how long to push `POST /enqueue`. */
export interface LoadOptions {
  apiUrl: string;
  /** Requests in all. */
  count: number;
  /** Requests started per second, paced (not a burst). */
  ratePerSec: number;
  /** Requests in flight at once, at most. @defaultValue 16 */
  concurrency?: number;
  /** A request with no answer by then is `unknown`. @defaultValue 5 000 ms */
  timeoutMs?: number;
  /** Prefix of each request's `ref` (`<prefix>-<n>`). */
  refPrefix: string;
  /** The `system.ledger` payload besides `ref`. @defaultValue `{ms: 20}` */
  payload?: (n: number) => Record<string, unknown>;
}

/** A load in progress. */
export interface Load {
  /** Every request so far, in the order they ended. */
  records: RequestRecord[];
  /** Resolves with every record once the last request ended. */
  finished: Promise<RequestRecord[]>;
  /** Sends no more requests; the ones in flight still end. */
  stop(): void;
}

/**
 * Enqueues `system.ledger` jobs one request at a time through the HTTP API,
 * as a client would, and records how each request ended. An answer with
 * an id is `acknowledged`; any other answer, or a refused connection, is
 * `failed` (the API stored nothing); a timeout or a connection dropped
 * after the request went out is `unknown` (it may have been stored).
 */
export function startLoad(options: LoadOptions): Load {
  const records: RequestRecord[] = [];
  const concurrency = options.concurrency ?? 16;
  let stopped = false;
  const send = async (n: number) => {
    const ref = `${options.refPrefix}-${n}`;
    const sentAt = Date.now();
    const payload = { ms: 20, ...options.payload?.(n), ref };
    records.push(
      await enqueue(options, payload).then(result => ({
        ref,
        sentAt,
        endedAt: Date.now(),
        ...result,
      })),
    );
  };
  const finished = pacedSends(
    { count: options.count, ratePerSec: options.ratePerSec, concurrency },
    send,
    () => stopped,
  ).then(() => records);
  return { records, finished, stop: () => (stopped = true) };
}

async function enqueue(
  options: LoadOptions,
  payload: Record<string, unknown>,
): Promise<Pick<RequestRecord, 'outcome' | 'status' | 'id'>> {
  try {
    const res = await fetch(`${options.apiUrl}/enqueue`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ type: 'system.ledger', payload }),
      signal: AbortSignal.timeout(options.timeoutMs ?? 5_000),
    });
    const body = (await res.json().catch(() => ({}))) as { id?: unknown };
    if (res.ok && typeof body.id === 'string') {
      return { outcome: 'acknowledged', status: res.status, id: body.id };
    }
    return { outcome: 'failed', status: res.status };
  } catch (error) {
    const code = (error as { cause?: { code?: string } }).cause?.code;
    // Refused: the request never reached the API. Anything else may have.
    if (code === 'ECONNREFUSED') return { outcome: 'failed' };
    return { outcome: 'unknown' };
  }
}
