import { setTimeout as sleep } from 'node:timers/promises';
import {
  answersDuringOutages,
  HUNG_AFTER_MS,
  slowestResumeMs,
} from '../outage-figures';
import { runWithLoad } from '../run-with-load';
import { atMost, resultOf, scaled, type Scenario } from '../scenario';
import { outageAnswerBounds, promiseBounds } from '../scenario-bounds';

/** Redis is back this long after each kill. */
const DOWN_MS = 2_000;

/**
 * 2. Redis crash: Redis is SIGKILLed twice under load (a third and two
 * thirds of the way through) and restarted from its AOF 2 s later. No
 * acknowledged job may be lost or end dead; the API answers 503 while
 * Redis is down (at least once, only 503, none left hanging);
 * every worker takes jobs again within 5 s of Redis returning, without a
 * restart.
 */
export const redisCrashScenario: Scenario = {
  name: 'redis-crash',
  title: '2. Redis crash (SIGKILL ×2)',
  async run(settings) {
    const started = Date.now();
    const jobs = scaled(9_000, settings.scale);
    const sizes = {
      jobs,
      // At least 15 s of load, so jobs keep coming after each restart.
      ratePerSec: Math.min(300, Math.round(jobs / 15)),
      workers: 3,
      concurrency: 4,
      redisKills: 2,
      downMs: DOWN_MS,
    };
    const loadMs = (sizes.jobs / sizes.ratePerSec) * 1_000;
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
        refPrefix: 'crash',
        payload: () => ({ ms: 20 }),
      },
      async faults(stack) {
        const began = Date.now();
        for (let k = 1; k <= sizes.redisKills; k++) {
          const at = began + (loadMs * k) / (sizes.redisKills + 1);
          await sleep(Math.max(0, at - Date.now()));
          await stack.killRedis();
          settings.log(`  redis killed (${k})`);
          await sleep(DOWN_MS);
          await stack.restartRedis();
          settings.log('  redis back');
        }
        return {};
      },
    });
    const outages = run.interruptions.filter(i => i.kind === 'redis-kill');
    // The slack may not outgrow the 1.5 s each outage is watched for, or
    // no request could count as hung.
    const answers = answersDuringOutages(run.requests, outages, {
      hangMs: HUNG_AFTER_MS + Math.min(settings.slackMs, 400),
    });
    const resumeMs = slowestResumeMs(run.ledger, outages);
    return resultOf(
      this,
      started,
      sizes,
      run,
      { ...answers, slowestWorkerResumeMs: resumeMs },
      [
        ...promiseBounds(run.report),
        ...outageAnswerBounds(answers),
        atMost('slowestWorkerResumeMs', resumeMs, 5_000 + settings.slackMs),
      ],
    );
  },
};
