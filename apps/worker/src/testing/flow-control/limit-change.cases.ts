import type { JobTypeLimits } from '@errand/contracts';
import { waitFor } from '@errand/queue-core/testing';
import { mostAtOnce, runsOf, windowsOverRate, type Run } from './flow-checks';
import { useFlowStack, type Topology } from './flow-stack';

const ADMIN_KEY = 'errand_admin-key-for-limit-change-0123456789';
/** Issue #18: a change reaches every worker within this, without a restart. */
const REACHES_WORKERS_MS = 1_000;

/** Jobs the two workers (4 slots each) may be running when a change lands. */
const IN_FLIGHT = 8;

const sleep = (ms: number) => ({ type: 'system.sleep', payload: { ms } });

/**
 * Runs still going at or after `from`, cut to start there: what ran once
 * the change had had its second to reach the workers.
 */
function runsFrom(runs: readonly Run[], from: number): Run[] {
  return runs
    .filter(run => run.end > from)
    .map(run => ({ ...run, start: Math.max(run.start, from) }));
}

/**
 * Issue #18's "a change reaches every worker within 1 s without a
 * restart", with two real worker processes and a real API process: a
 * limit PUT while both drain a queue, checked from the jobs' recorded
 * start times, each check first shown failing before the change.
 */
export function describeLimitChange(topology: Topology): void {
  const stack = useFlowStack(topology);
  let api = '';

  beforeEach(async () => {
    api = await stack.startApi(ADMIN_KEY);
    await stack.startWorkers(2, ['system.sleep'], {
      WORKER_CONCURRENCY: '4',
    });
  }, 60_000);

  /**
   * PUTs `limits` over HTTP once `settled` jobs have ended, so both
   * workers are busy when it lands; answers when the change was sent and
   * when the API said it was made.
   */
  const changeWhileBusy = async (
    limits: JobTypeLimits,
    settled: number,
  ): Promise<{ sentAt: number; madeAt: number }> => {
    const queue = stack.store.queueFor('system.sleep');
    await waitFor(
      () => queue.getCompletedCount(),
      count => count >= settled,
      30_000,
      50,
    );
    const sentAt = Date.now();
    const res = await fetch(`${api}/job-types/system.sleep/limits`, {
      method: 'PUT',
      headers: {
        Authorization: `Bearer ${ADMIN_KEY}`,
        'Content-Type': 'application/json',
      },
      body: JSON.stringify(limits),
    });
    const madeAt = Date.now();
    expect(res.status).toBe(200);
    return { sentAt, madeAt };
  };

  /**
   * The runs of every job ended so far, once `more` have ended since
   * `count` besides those that were running when it was read.
   */
  const runsOnce = async (ids: string[], count: number, more: number) => {
    const queue = stack.store.queueFor('system.sleep');
    await waitFor(
      () => queue.getCompletedCount(),
      done => done >= count + IN_FLIGHT + more,
      30_000,
      100,
    );
    return runsOf(await stack.views(ids));
  };

  it('maxConcurrent 1: from a second after the change, never two running at once', async () => {
    const ids = await stack.enqueue(
      Array.from({ length: 150 }, () => sleep(250)),
    );
    const { sentAt, madeAt } = await changeWhileBusy(
      { rateLimit: null, maxConcurrent: 1, perKeyConcurrency: null },
      16,
    );
    const queue = stack.store.queueFor('system.sleep');
    const countAtChange = await queue.getCompletedCount();

    // 1 at a time × 250 ms: ten more end about 2.5 s after the change.
    const runs = await runsOnce(ids, countAtChange, 10);

    const before = runs.filter(run => run.start < sentAt);
    const after = runsFrom(runs, madeAt + REACHES_WORKERS_MS);
    // Before, both workers ran several at once: the check below can fail.
    expect(mostAtOnce(before)).toBeGreaterThan(1);
    const jobs = await Promise.all(
      ids.slice(0, 16).map(id => queue.getJob(id)),
    );
    expect(new Set(jobs.map(job => job?.processedBy)).size).toBe(2);
    expect(after.length).toBeGreaterThanOrEqual(4);
    expect(mostAtOnce(after)).toBe(1);
  }, 90_000);

  it('perKeyConcurrency 1: from a second after the change, never two of the key running at once', async () => {
    // Without a cap both workers run the key's jobs on their shares' spare
    // slots (store/limits/key-shares.ts), which the change must take back.
    const ids = await stack.enqueue(
      Array.from({ length: 200 }, () => ({
        ...sleep(100),
        concurrencyKey: 'acme',
      })),
    );
    const { sentAt, madeAt } = await changeWhileBusy(
      { rateLimit: null, maxConcurrent: null, perKeyConcurrency: 1 },
      16,
    );
    // Until the change holds, the key's jobs run 8 at a time, so count by
    // time: 1 at a time × 100 ms, ten or so end in the 1.5 s after it.
    await new Promise(resolve =>
      setTimeout(resolve, madeAt + REACHES_WORKERS_MS + 1_500 - Date.now()),
    );
    const runs = runsOf(await stack.views(ids));

    const before = runs.filter(run => run.start < sentAt);
    const after = runsFrom(runs, madeAt + REACHES_WORKERS_MS);
    // Before, both workers ran several of the key at once: the check can fail.
    expect(mostAtOnce(before)).toBeGreaterThan(1);
    expect(after.length).toBeGreaterThanOrEqual(4);
    expect(mostAtOnce(after)).toBe(1);
  }, 90_000);

  it('a rate limit of 5/s: from a second after the change, no more than 5 × T + 5 starts in any T seconds', async () => {
    const ids = await stack.enqueue(
      Array.from({ length: 600 }, () => sleep(50)),
    );
    const { sentAt, madeAt } = await changeWhileBusy(
      {
        rateLimit: { max: 5, durationMs: 1_000 },
        maxConcurrent: null,
        perKeyConcurrency: null,
      },
      40,
    );
    const queue = stack.store.queueFor('system.sleep');
    const countAtChange = await queue.getCompletedCount();

    // 5 a second: fifteen more end about 3 s after the change.
    const runs = await runsOnce(ids, countAtChange, 15);

    const starts = runs.map(run => run.start);
    const before = starts.filter(start => start < sentAt);
    const after = starts.filter(start => start >= madeAt + REACHES_WORKERS_MS);
    // Before, more than 10 started in some second: the check can fail.
    expect(windowsOverRate(before, 5, [1])).not.toEqual([]);
    expect(after.length).toBeGreaterThanOrEqual(5);
    expect(windowsOverRate(after, 5, [1, 2])).toEqual([]);
  }, 90_000);
}
