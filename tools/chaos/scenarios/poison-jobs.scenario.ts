import { setTimeout as sleep } from 'node:timers/promises';
import {
  awaitFinished,
  enqueuePoison,
  lifetimeMs,
  type JobBody,
} from '../poison-jobs';
import { runWithLoad } from '../run-with-load';
import {
  atLeast,
  atMost,
  resultOf,
  scaled,
  type Bound,
  type Scenario,
} from '../scenario';
import { promiseBounds } from '../scenario-bounds';

const LOCK_MS = 5_000;
const MAX_STALLED = 1;
/** system.ledger's catalog defaults. */
const TIMEOUT_MS = 10_000;
const ATTEMPTS = 3;

/**
 * How long each poison may take to end dead:
 * - `exit` crashes its worker on each of `MAX_STALLED + 1` runs; each time
 *   its lock expires and the stalled check finds it (lock + interval),
 *   then the restarted pool takes it again; 2 s of slack per crash;
 * - `hang` times out on each attempt (the timeout, then 1 s of grace for
 *   the handler to notice its abort), with backoffs of ≤ 1 s and ≤ 2 s;
 * - `throw` fails each attempt at once, with the same backoffs.
 */
const BOUND_MS = {
  exit: (MAX_STALLED + 1) * (2 * LOCK_MS + 2_000),
  hang: ATTEMPTS * (TIMEOUT_MS + 1_000) + 3_000 + 2_000,
  throw: 3_000 + 2_000,
} as const;
type Poison = keyof typeof BOUND_MS;

/**
 * 6. Poison jobs: one job exits its worker process, one never ends, one
 * throws a value that is not an Error, while ordinary jobs flow. Each
 * must end dead within its bound, the ordinary jobs must all run, and the
 * crashing one must be quarantined by the stalled-job limit
 * (WORKER_MAX_STALLED_COUNT) without using its retries. The harness plays
 * the supervisor, restarting a worker that exited.
 */
export const poisonJobsScenario: Scenario = {
  name: 'poison-jobs',
  title: '6. Poison jobs (exit, hang, throw)',
  async run(settings) {
    const started = Date.now();
    const jobs = scaled(3_000, settings.scale);
    const sizes = {
      jobs,
      ratePerSec: Math.min(300, Math.round(jobs / 40)),
      workers: 2,
      concurrency: 4,
      lockMs: LOCK_MS,
      maxStalledCount: MAX_STALLED,
    };
    const run = await runWithLoad({
      baseDir: settings.baseDir,
      stack: {
        workers: sizes.workers,
        concurrency: sizes.concurrency,
        persistence: 'aof',
        apps: settings.apps,
        lockMs: LOCK_MS,
        maxStalledCount: MAX_STALLED,
        chaos: true,
      },
      load: {
        count: sizes.jobs,
        ratePerSec: sizes.ratePerSec,
        refPrefix: 'flow',
        payload: () => ({ ms: 20 }),
      },
      async faults(stack) {
        await sleep(2_000);
        const poisons = Object.keys(BOUND_MS) as Poison[];
        const ids = await Promise.all(
          poisons.map(p => enqueuePoison(stack.apiUrl, p)),
        );
        let watching = true;
        let crashes = 0;
        // The supervisor: a worker that exited is started again.
        const supervisor = (async () => {
          while (watching) {
            for (const [i, slot] of stack.workers.entries()) {
              const { child } = slot.process;
              if (child.exitCode === null && child.signalCode === null)
                continue;
              crashes++;
              stack.interruptions.push({
                kind: 'worker-crash',
                at: Date.now(),
                pid: child.pid,
              });
              settings.log(`  worker ${i} exited; restarting it`);
              await stack.restartWorker(i);
            }
            await sleep(200);
          }
        })();
        const finished = await Promise.all(
          ids.map((id, i) =>
            awaitFinished(
              stack.apiUrl,
              id,
              BOUND_MS[poisons[i] as Poison] + 30_000,
            ),
          ),
        );
        watching = false;
        await supervisor;
        return {
          crashes,
          poisons: Object.fromEntries(
            poisons.map((p, i) => [p, finished[i] as JobBody]),
          ) as Record<Poison, JobBody>,
        };
      },
    });
    const { poisons, crashes } = run.extra;
    const figures: Record<string, number> = { crashes };
    // A job running beside the `exit` poison on the worker it crashes is
    // interrupted too; one interrupted at MAX_STALLED + 1 of those crashes
    // is quarantined with it. At most concurrency − 1 per such series.
    const collateral =
      (sizes.concurrency - 1) * Math.floor(crashes / (MAX_STALLED + 1));
    // Each crash may also interrupt a `hang` or `throw` attempt once.
    const crashDelayMs = crashes * (2 * LOCK_MS + 2_000);
    const bounds: Bound[] = [...promiseBounds(run.report, collateral)];
    for (const poison of Object.keys(BOUND_MS) as Poison[]) {
      const job = poisons[poison];
      figures[`${poison}Dead`] = job.status === 'dead' ? 1 : 0;
      figures[`${poison}Ms`] = lifetimeMs(job);
      figures[`${poison}AttemptsMade`] = job.attempts?.made ?? NaN;
      bounds.push(
        atLeast(`${poison}Dead`, figures[`${poison}Dead`] as number, 1),
        atMost(
          `${poison}Ms`,
          lifetimeMs(job),
          BOUND_MS[poison] +
            (poison === 'exit' ? 0 : crashDelayMs) +
            settings.slackMs,
        ),
      );
      settings.log(
        `  ${poison}: ${job.status}, ${JSON.stringify(job.lastError?.message)}`,
      );
    }
    bounds.push(
      atMost(
        'exitAttemptsMade',
        poisons.exit.attempts?.made ?? Infinity,
        ATTEMPTS - 1,
      ),
    );
    return {
      ...resultOf(this, started, sizes, run, figures, bounds),
      details: Object.fromEntries(
        Object.entries(poisons).map(([p, job]) => [
          p,
          {
            status: job.status,
            attempts: job.attempts,
            lastError: job.lastError?.message,
            timeline: job.timeline,
          },
        ]),
      ),
    };
  },
};
