import { setTimeout as sleep } from 'node:timers/promises';
import { runWithLoad } from '../run-with-load';
import { atLeast, resultOf, type Scenario } from '../scenario';

/**
 * Self-test: the checker must see a loss. Redis runs without persistence
 * and is SIGKILLed once while a backlog waits (jobs arrive faster than the
 * one worker runs them); it comes back empty, so the acknowledged jobs it
 * held are gone, and the checker must report lost > 0.
 */
export const selfTestLostScenario: Scenario = {
  name: 'self-test-lost',
  title: 'Self-test: persistence off + Redis kill → lost > 0',
  async run(settings) {
    const started = Date.now();
    const sizes = { jobs: 400, ratePerSec: 100, workers: 1, concurrency: 1 };
    const run = await runWithLoad({
      baseDir: settings.baseDir,
      stack: {
        workers: sizes.workers,
        concurrency: sizes.concurrency,
        persistence: 'none',
        apps: settings.apps,
        lockMs: 5_000,
      },
      load: {
        count: sizes.jobs,
        ratePerSec: sizes.ratePerSec,
        refPrefix: 'selflost',
        // 40 jobs/s at most, against 100 enqueued a second: a backlog.
        payload: () => ({ ms: 25 }),
      },
      async faults(stack) {
        await sleep(1_500);
        await stack.killRedis();
        await sleep(1_000);
        await stack.restartRedis();
        return {};
      },
    });
    return resultOf(this, started, sizes, run, {}, [
      atLeast('lost', run.report.lost.length, 1),
    ]);
  },
};
