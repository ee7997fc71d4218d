import { setTimeout as sleep } from 'node:timers/promises';

/** How {@link pacedSends} spreads its requests. */
export interface Pacing {
  /** Requests in all. */
  count: number;
  /** Requests started per second, paced (not a burst). */
  ratePerSec: number;
  /** Requests in flight at once, at most. */
  concurrency: number;
}

/**
 * Calls `send(0..count-1)` at `ratePerSec`, never more than `concurrency`
 * at once, until `stopped()` says no more; resolves once the last one
 * started has ended. The pace of every chaos load (load-generator.ts,
 * flow-load.ts), whatever it sends.
 */
export async function pacedSends(
  { count, ratePerSec, concurrency }: Pacing,
  send: (n: number) => Promise<void>,
  stopped: () => boolean,
): Promise<void> {
  const inFlight = new Set<Promise<void>>();
  const started = Date.now();
  for (let n = 0; n < count && !stopped(); n++) {
    const due = started + (n * 1_000) / ratePerSec;
    if (due > Date.now()) await sleep(due - Date.now());
    while (inFlight.size >= concurrency) await Promise.race(inFlight);
    const request = send(n).finally(() => inFlight.delete(request));
    inFlight.add(request);
  }
  await Promise.all(inFlight);
}
