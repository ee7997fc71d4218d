import { setTimeout as sleep } from 'node:timers/promises';
import type { SpawnedApp } from './spawn-app';

/** How often the health URL is tried. */
const POLL_INTERVAL_MS = 100;

/**
 * Resolves once `url` answers 200. Fails at once, with the app's stderr,
 * if the app exits first, and after `timeoutMs` if it never gets there.
 *
 * @param timeoutMs - @defaultValue 15 000 ms: a cold `tsx` start is slow
 */
export async function waitUntilHealthy(
  app: SpawnedApp,
  url: string,
  timeoutMs = 15_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!app.isRunning()) {
      throw new Error(
        `${app.main} exited before it was healthy:\n${app.stderr()}`,
      );
    }
    if ((await statusOf(url)) === 200) return;
    await sleep(POLL_INTERVAL_MS);
  }
  throw new Error(`${app.main} was not healthy within ${timeoutMs} ms.`);
}

/** The status `url` answers with, or undefined while nothing answers. */
async function statusOf(url: string): Promise<number | undefined> {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(1_000) });
    // Read the body so that the connection is free to be closed.
    await res.arrayBuffer();
    return res.status;
  } catch {
    return undefined;
  }
}
