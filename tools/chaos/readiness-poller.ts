import { setTimeout as sleep } from 'node:timers/promises';

/** What one app's `/readyz` answered while it was polled. */
export interface ReadinessPolls {
  /** Answers by status (`timeout` when none came in 2 s). */
  answers: Record<string, number>;
}

/**
 * Polls each URL once a second until `stop` resolves, counting the
 * answers. The first `settleMs` are skipped: an app needs a moment to
 * notice that Redis is gone.
 */
export async function pollReadiness(
  urls: readonly string[],
  stop: Promise<unknown>,
  settleMs: number,
): Promise<ReadinessPolls[]> {
  const polls = urls.map(() => ({ answers: {} as Record<string, number> }));
  let stopped = false;
  void stop.then(() => (stopped = true));
  await sleep(settleMs);
  while (!stopped) {
    await Promise.all(
      urls.map(async (url, i) => {
        const status = await fetch(url, { signal: AbortSignal.timeout(2_000) })
          .then(async res => {
            await res.arrayBuffer();
            return String(res.status);
          })
          .catch(() => 'timeout');
        const { answers } = polls[i] as ReadinessPolls;
        if (!stopped) answers[status] = (answers[status] ?? 0) + 1;
      }),
    );
    await sleep(1_000);
  }
  return polls;
}
