import { setTimeout as sleep } from 'node:timers/promises';

/** What a stretch of steady load saw. */
interface LoadResult {
  /** Ids the API acknowledged (202), in the order the answers came. */
  acknowledged: string[];
  /** Answers by status (`none` when the request itself failed). */
  statuses: Record<string, number>;
  /** The slowest answer that was not a 202, in ms. */
  slowestRefusalMs: number;
  /** How long each 202 took, in ms, in the order the answers came. */
  acknowledgedMs: number[];
}

/** Load running in the background. */
export interface SteadyLoad {
  /** Acknowledgements so far. */
  acknowledgedCount(): number;
  /** Stops sending, waits for the answers in flight, and reports. */
  stop(): Promise<LoadResult>;
}

/** Requests waiting for an answer at once; past it, a tick is skipped. */
const MAX_IN_FLIGHT = 64;

/**
 * Sends `POST /enqueue` of `system.sleep {ms: 20}` to `apiUrl` at
 * `perSecond`, never waiting for one answer before the next request, as
 * many independent clients would. A refused request is not retried: the
 * client was told, and only acknowledged ids are owed.
 */
export function startSteadyLoad(apiUrl: string, perSecond: number): SteadyLoad {
  const result: LoadResult = {
    acknowledged: [],
    statuses: {},
    slowestRefusalMs: 0,
    acknowledgedMs: [],
  };
  const inFlight = new Set<Promise<void>>();
  let running = true;

  const send = async () => {
    const startedAt = Date.now();
    let status = 'none';
    try {
      const res = await fetch(`${apiUrl}/enqueue`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ type: 'system.sleep', payload: { ms: 20 } }),
        signal: AbortSignal.timeout(10_000),
      });
      status = String(res.status);
      const body = (await res.json().catch(() => ({}))) as { id?: string };
      if (res.status === 202 && body.id) {
        result.acknowledged.push(body.id);
        result.acknowledgedMs.push(Date.now() - startedAt);
      }
    } catch {
      // No answer: counted as `none`.
    }
    result.statuses[status] = (result.statuses[status] ?? 0) + 1;
    if (status !== '202') {
      const tookMs = Date.now() - startedAt;
      result.slowestRefusalMs = Math.max(result.slowestRefusalMs, tookMs);
    }
  };

  const loop = (async () => {
    const intervalMs = 1_000 / perSecond;
    let next = Date.now();
    while (running) {
      if (inFlight.size < MAX_IN_FLIGHT) {
        const request = send().finally(() => inFlight.delete(request));
        inFlight.add(request);
      }
      next += intervalMs;
      await sleep(Math.max(0, next - Date.now()));
    }
  })();

  return {
    acknowledgedCount: () => result.acknowledged.length,
    async stop() {
      running = false;
      await loop;
      await Promise.all(inFlight);
      return result;
    },
  };
}
