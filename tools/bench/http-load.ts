import autocannon from 'autocannon';
import { setTimeout as sleep } from 'node:timers/promises';

/** What one HTTP load run measured. */
export interface HttpLoadResult {
  perSecond: number;
  /** Requests answered in all. */
  total: number;
  p50: number;
  p99: number;
  /** Connection errors, timeouts and answers other than 2xx. */
  errors: number;
}

/** POSTs `body` as JSON to `url` from `connections` connections. */
export async function postLoad(
  url: string,
  body: unknown,
  connections: number,
  durationSeconds: number,
): Promise<HttpLoadResult> {
  const result = await autocannon({
    url,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
    connections,
    duration: durationSeconds,
  });
  return {
    perSecond: result.requests.average,
    total: result.requests.total,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts + result.non2xx,
  };
}

/** POSTs `body` as JSON and returns the parsed answer; throws on non-2xx. */
export async function postJson<T>(url: string, body: unknown): Promise<T> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!res.ok)
    throw new Error(`${url} answered ${res.status}: ${await res.text()}`);
  return (await res.json()) as T;
}

/**
 * Calls `send` at a fixed `perSecond` for `durationMs`, open loop: a slow
 * answer does not delay the next send, as real producers do not wait on
 * each other. Resolves once every send has settled.
 */
export async function fixedRate(
  perSecond: number,
  durationMs: number,
  send: () => Promise<void>,
): Promise<void> {
  const inFlight: Promise<void>[] = [];
  const total = Math.round((perSecond * durationMs) / 1_000);
  const started = performance.now();
  let sent = 0;
  while (sent < total) {
    const due = Math.min(
      total,
      Math.floor(((performance.now() - started) * perSecond) / 1_000) + 1,
    );
    for (; sent < due; sent++) inFlight.push(send());
    await sleep(1);
  }
  await Promise.all(inFlight);
}
