import { setTimeout as sleep } from 'node:timers/promises';
import {
  answersDuringOutages,
  HUNG_AFTER_MS,
  slowestResumeMs,
} from '../outage-figures';
import { pollReadiness } from '../readiness-poller';
import { runWithLoad } from '../run-with-load';
import { atLeast, atMost, resultOf, scaled, type Scenario } from '../scenario';
import { outageAnswerBounds, promiseBounds } from '../scenario-bounds';

/** How long Redis stays down. */
const OUTAGE_MS = 60_000;
/** Load before the outage, and after it. */
const AROUND_MS = 15_000;

/**
 * 3. Redis outage of 60 s: as 2, with one long outage, and `/readyz` of
 * the API and of every worker must say 503 through it (after 3 s, the
 * time an app takes to notice).
 */
export const redisOutageScenario: Scenario = {
  name: 'redis-outage',
  title: '3. Redis outage of 60 s',
  async run(settings) {
    const started = Date.now();
    const jobs = scaled(6_000, settings.scale);
    const loadMs = OUTAGE_MS + 2 * AROUND_MS;
    const sizes = {
      jobs,
      ratePerSec: Math.round((jobs * 1_000) / loadMs),
      workers: 2,
      concurrency: 4,
      outageMs: OUTAGE_MS,
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
        refPrefix: 'outage',
        payload: () => ({ ms: 20 }),
      },
      async faults(stack) {
        await sleep(AROUND_MS);
        await stack.killRedis();
        settings.log('  redis killed; down for 60 s');
        const urls = [
          `${stack.apiUrl}/readyz`,
          ...stack.workers.map(w => `http://127.0.0.1:${w.metricsPort}/readyz`),
        ];
        const polls = pollReadiness(urls, sleep(OUTAGE_MS - 3_000), 3_000);
        const readiness = await polls;
        await stack.restartRedis();
        settings.log('  redis back');
        const notReported = readiness.reduce(
          (sum, p) =>
            sum +
            Object.entries(p.answers).reduce(
              (s, [status, n]) => s + (status === '503' ? 0 : n),
              0,
            ),
          0,
        );
        const reported = readiness.reduce(
          (s, p) => s + (p.answers['503'] ?? 0),
          0,
        );
        return { notReported, reported };
      },
    });
    const outages = run.interruptions.filter(i => i.kind === 'redis-kill');
    const answers = answersDuringOutages(run.requests, outages, {
      hangMs: HUNG_AFTER_MS + settings.slackMs,
    });
    const resumeMs = slowestResumeMs(run.ledger, outages);
    const { notReported, reported } = run.extra;
    return resultOf(
      this,
      started,
      sizes,
      run,
      {
        ...answers,
        slowestWorkerResumeMs: resumeMs,
        readyz503: reported,
        readyzOther: notReported,
      },
      [
        ...promiseBounds(run.report),
        ...outageAnswerBounds(answers),
        atMost('slowestWorkerResumeMs', resumeMs, 5_000 + settings.slackMs),
        atMost('readyzOther', notReported, 0),
        atLeast('readyz503', reported, 1),
      ],
    );
  },
};
