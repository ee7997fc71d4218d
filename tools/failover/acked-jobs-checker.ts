import { setTimeout as sleep } from 'node:timers/promises';

/** Where every acknowledged job ended, read back through the API. */
export interface ReadBack {
  /** Acknowledged and read back `succeeded`. */
  succeeded: number;
  /** Acknowledged, then unknown to the API (404): the promise broken. */
  lost: string[];
  /**
   * Acknowledged and ended `dead`. The load's jobs (`system.sleep`) always
   * succeed, so each of these is a success recorded as a failure.
   */
  dead: string[];
  /** Still not finished when the read-back gave up, with their status. */
  unfinished: Record<string, string>;
}

/** True when nothing owed is missing. */
export function keptEveryPromise(readBack: ReadBack): boolean {
  return (
    readBack.lost.length === 0 &&
    readBack.dead.length === 0 &&
    Object.keys(readBack.unfinished).length === 0
  );
}

async function statusOf(apiUrl: string, id: string): Promise<string> {
  for (let tries = 1; ; tries++) {
    try {
      const res = await fetch(`${apiUrl}/jobs/${id}`, {
        signal: AbortSignal.timeout(5_000),
      });
      if (res.status === 404) return 'missing';
      if (res.status === 200) {
        return ((await res.json()) as { status: string }).status;
      }
    } catch {
      // The API or Redis may still be on its way back.
    }
    if (tries >= 20) return 'unreadable';
    await sleep(250);
  }
}

/**
 * Reads every id in `acknowledged` back with `GET /jobs/:id` until each has
 * finished or `timeoutMs` has passed. A job re-run after a failover still
 * ends `succeeded` (at least once): only 404s, `dead` and never finishing
 * count against the run. A 404 is read again at the end, so a job is not
 * called lost while the API cannot yet see it.
 */
export async function readBackAcknowledged(
  apiUrl: string,
  acknowledged: readonly string[],
  timeoutMs: number,
): Promise<ReadBack> {
  const deadline = Date.now() + timeoutMs;
  const final = new Map<string, string>();
  let open = [...new Set(acknowledged)];
  while (open.length > 0) {
    const stillOpen: string[] = [];
    for (let i = 0; i < open.length; i += 32) {
      const batch = open.slice(i, i + 32);
      const statuses = await Promise.all(batch.map(id => statusOf(apiUrl, id)));
      batch.forEach((id, at) => {
        const status = statuses[at] ?? 'unreadable';
        final.set(id, status);
        if (!['succeeded', 'dead', 'missing'].includes(status)) {
          stillOpen.push(id);
        }
      });
    }
    open = stillOpen;
    if (open.length === 0 || Date.now() > deadline) break;
    await sleep(500);
  }
  const byStatus = (wanted: string) =>
    [...final].filter(([, status]) => status === wanted).map(([id]) => id);
  return {
    succeeded: byStatus('succeeded').length,
    lost: byStatus('missing'),
    dead: byStatus('dead'),
    unfinished: Object.fromEntries(open.map(id => [id, final.get(id) ?? ''])),
  };
}
