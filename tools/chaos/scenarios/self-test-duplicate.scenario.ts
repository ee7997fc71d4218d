import { runWithLoad } from '../run-with-load';
import { atLeast, atMost, resultOf, type Scenario } from '../scenario';

/** Every this many jobs, one records its completion twice. */
const EVERY = 10;

/**
 * Self-test: the checker must see duplicates. Every tenth job is a
 * `system.ledger` `twice` poison (the worker runs with ERRAND_CHAOS), which
 * records `done` twice; the checker must report exactly one duplicate
 * completion for each of them, and no re-execution.
 */
export const selfTestDuplicateScenario: Scenario = {
  name: 'self-test-duplicate',
  title: 'Self-test: a handler completing twice → duplicates reported',
  async run(settings) {
    const started = Date.now();
    const sizes = { jobs: 200, ratePerSec: 200, workers: 1, concurrency: 4 };
    const run = await runWithLoad({
      baseDir: settings.baseDir,
      stack: {
        workers: sizes.workers,
        concurrency: sizes.concurrency,
        persistence: 'aof',
        apps: settings.apps,
        lockMs: 5_000,
        chaos: true,
      },
      load: {
        count: sizes.jobs,
        ratePerSec: sizes.ratePerSec,
        refPrefix: 'selfdup',
        payload: n => (n % EVERY === 0 ? { poison: 'twice' } : {}),
      },
      faults: async () => ({}),
    });
    const expected = sizes.jobs / EVERY;
    const { report } = run;
    return resultOf(this, started, sizes, run, { twiceJobs: expected }, [
      atLeast('duplicateCompletions', report.duplicateCompletions, expected),
      atMost('duplicateCompletions', report.duplicateCompletions, expected),
      atMost('lost', report.lost.length, 0),
    ]);
  },
};
