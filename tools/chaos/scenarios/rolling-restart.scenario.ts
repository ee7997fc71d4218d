import { setTimeout as sleep } from 'node:timers/promises';
import { runWithLoad } from '../run-with-load';
import { atLeast, atMost, resultOf, scaled, type Scenario } from '../scenario';
import { finishedAfterTerm, promiseBounds } from '../scenario-bounds';

/**
 * 5. Rolling restart: each worker in turn gets SIGTERM under load, as a
 * deploy does, and is started again once it exited. A graceful stop
 * finishes the jobs in hand: nothing lost, nothing run twice.
 */
export const rollingRestartScenario: Scenario = {
  name: 'rolling-restart',
  title: '5. Rolling restart (SIGTERM each worker)',
  async run(settings) {
    const started = Date.now();
    const jobs = scaled(6_000, settings.scale);
    const sizes = {
      jobs,
      ratePerSec: Math.min(300, Math.round(jobs / 30)),
      workers: 3,
      concurrency: 4,
      rounds: 2,
    };
    const run = await runWithLoad({
      baseDir: settings.baseDir,
      stack: {
        workers: sizes.workers,
        concurrency: sizes.concurrency,
        persistence: 'aof',
        apps: settings.apps,
        lockMs: 5_000,
      },
      load: {
        count: sizes.jobs,
        ratePerSec: sizes.ratePerSec,
        refPrefix: 'rolling',
        payload: () => ({ ms: 100 }),
      },
      async faults(stack, load) {
        let restarts = 0;
        let ended = false;
        void load.finished.then(() => (ended = true));
        await sleep(2_000);
        for (let round = 0; round < sizes.rounds && !ended; round++) {
          for (let i = 0; i < stack.workers.length && !ended; i++) {
            await stack.terminateWorker(i);
            await stack.restartWorker(i);
            restarts++;
            settings.log(`  worker ${i} restarted`);
            await sleep(2_000);
          }
        }
        return { restarts };
      },
    });
    // A stop that found no job in hand tested no graceful finish.
    const finished = finishedAfterTerm(run.ledger, run.interruptions);
    return resultOf(
      this,
      started,
      sizes,
      run,
      { ...run.extra, finishedAfterTerm: finished },
      [
        ...promiseBounds(run.report),
        atLeast('restarts', run.extra.restarts, sizes.workers),
        atLeast('finishedAfterTerm', finished, 1),
        atMost('reExecutions', run.report.reExecutions, 0),
      ],
    );
  },
};
