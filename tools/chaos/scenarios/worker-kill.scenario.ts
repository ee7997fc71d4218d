import { setTimeout as sleep } from 'node:timers/promises';
import { awaitBusyWorker } from '../busy-workers';
import { runWithLoad } from '../run-with-load';
import { atMost, resultOf, scaled, type Scenario } from '../scenario';
import { interruptedBounds, promiseBounds } from '../scenario-bounds';

const LOCK_MS = 5_000;
/** The bound names BullMQ's stalled interval; the harness sets it to the lock's. */
const STALLED_INTERVAL_MS = LOCK_MS;
/**
 * A job's run time: some 6 jobs in hand at once whatever the rate (20 ms
 * at the full 300 a second), so a kill hits a running job almost surely,
 * and the run must see at least one (a run no kill touched proves nothing).
 */
const jobMsAt = (ratePerSec: number) =>
  Math.min(50, Math.round(6_000 / ratePerSec));
/**
 * Stalls a job may survive before it is quarantined as poison. A kill every
 * 2 s among 3 workers can interrupt the same job twice in a row, which at
 * BullMQ's default of 1 dead-letters it (seen once in 20 000 jobs): that is
 * the quarantine of scenario 6 working, not a recovery this scenario
 * measures, so the loop allows a few.
 */
const MAX_STALLED = 3;

/**
 * 1. Worker SIGKILL loop: every 2 s a worker with a job in hand (per its
 * ledger) is SIGKILLed and restarted at once, while the load runs. Nothing acknowledged may be
 * lost; each kill re-runs at most the jobs that worker had in hand
 * (concurrency); each interrupted job finishes within lock duration +
 * stalled interval + job time + 2 s of the kill. At least one kill must
 * have cut a running job short, and no acknowledged job may end dead.
 */
export const workerKillScenario: Scenario = {
  name: 'worker-kill',
  title: '1. Worker SIGKILL loop',
  async run(settings) {
    const started = Date.now();
    const jobs = scaled(20_000, settings.scale);
    const sizes = {
      jobs,
      // At least 10 s of load, so a small run still sees a few kills.
      ratePerSec: Math.min(300, Math.round(jobs / 10)),
      workers: 3,
      concurrency: 4,
      lockMs: LOCK_MS,
      killEveryMs: 2_000,
    };
    const jobMs = jobMsAt(sizes.ratePerSec);
    const run = await runWithLoad({
      baseDir: settings.baseDir,
      stack: {
        workers: sizes.workers,
        concurrency: sizes.concurrency,
        persistence: 'aof',
        apps: settings.apps,
        lockMs: LOCK_MS,
        maxStalledCount: MAX_STALLED,
      },
      load: {
        count: sizes.jobs,
        ratePerSec: sizes.ratePerSec,
        refPrefix: 'kill',
        payload: () => ({ ms: jobMs }),
      },
      async faults(stack, load) {
        let kills = 0;
        let ended = false;
        void load.finished.then(() => (ended = true));
        while (!ended) {
          const next = Date.now() + sizes.killEveryMs;
          // Only a worker with a job in hand: a random one at a random
          // moment was often still starting or between jobs (2 of 4 kills
          // hit nothing at scale 0.05), and a run may then see no
          // interruption at all.
          const index = await awaitBusyWorker(stack, () => ended);
          if (index === undefined) break;
          await stack.killWorker(index);
          kills++;
          settings.log(`  killed worker ${index} (kill ${kills})`);
          await stack.restartWorker(index);
          await sleep(Math.max(0, next - Date.now()));
        }
        return { kills };
      },
    });
    const { report } = run;
    const { kills } = run.extra;
    return resultOf(this, started, sizes, run, { kills }, [
      ...promiseBounds(report),
      ...interruptedBounds(report),
      atMost('reExecutions', report.reExecutions, kills * sizes.concurrency),
      atMost(
        'maxRecoveryMs',
        report.maxRecoveryMs,
        LOCK_MS + STALLED_INTERVAL_MS + jobMs + 2_000 + settings.slackMs,
      ),
      atMost(
        'unrecovered',
        report.recoveries.filter(r => r.recoveryMs === undefined).length,
        0,
      ),
    ]);
  },
};
