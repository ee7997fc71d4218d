import { setTimeout as sleep } from 'node:timers/promises';
import { awaitBusyWorker, jobsInHand } from '../busy-workers';
import type { ChaosStack } from '../chaos-stack';
import {
  checkFlows,
  flowFigures,
  flowSamples,
  type FlowReport,
} from '../flow-checker';
import { startFlowLoad, type FlowLoad, type FlowPlan } from '../flow-load';
import { readLedger } from '../ledger-reader';
import { runWithLoad } from '../run-with-load';
import { atLeast, resultOf, scaled, type Scenario } from '../scenario';
import {
  flowBounds,
  interruptedBounds,
  promiseBounds,
} from '../scenario-bounds';

const LOCK_MS = 5_000;
/** As scenario 1: a job killed twice in a row is not quarantined as poison. */
const MAX_STALLED = 3;
/** Redis is back this long after its kill. */
const DOWN_MS = 2_000;
/** Children per flow, as the issue says. */
const CHILDREN = 20;
/**
 * A child works 20 ms, as the single jobs of scenario 1; a parent 200 ms,
 * so that a kill every 2 s cuts some parents short mid-run.
 */
const CHILD_MS = 20;
const PARENT_MS = 200;
/**
 * After the last flow is posted, kills go on until every acknowledged
 * parent recorded `done`, or this long: a parent left `waiting` must not
 * keep the run going.
 */
const TAIL_MS = 30_000;

/**
 * Flow `n`: a parent and its children, each a ledger-recording job; the
 * parent records how many of its children it read as succeeded.
 */
const planOf = (n: number): FlowPlan => ({
  parent: {
    ref: `flow-${n}/parent`,
    payload: { ms: PARENT_MS, readChildren: true },
  },
  children: Array.from({ length: CHILDREN }, (_, i) => ({
    ref: `flow-${n}/child-${i}`,
    payload: { ms: CHILD_MS },
  })),
});

/** Every acknowledged flow's parent has a `done` in the ledgers. */
function parentsDone(stack: ChaosStack, load: FlowLoad): boolean {
  const done = new Set(
    readLedger(stack.ledgerDir).flatMap(r =>
      r.event === 'done' && r.ref ? [r.ref] : [],
    ),
  );
  return load.flows.every(
    f => f.outcome !== 'acknowledged' || done.has(f.parent.ref),
  );
}

/**
 * 7. Flows under faults: 200 flows of a parent and 20 children (all
 * `system.ledger` jobs, so each node's start and end are in the ledgers)
 * are posted through `POST /flows` while a worker with a job in hand is
 * SIGKILLed every 2 s and restarted, and Redis is SIGKILLed once halfway
 * and restarted from its AOF 2 s later; kills go on after the last post
 * until every parent has run. No acknowledged node may be lost or end
 * dead; every parent runs to success, only after all its children ended,
 * reads all 20 as succeeded, and runs exactly once in flow-checker.ts's
 * sense (each extra run follows a fault on the run before it); none is
 * left `waiting` once its children ended. At least one kill must have cut
 * a running job short.
 */
export const flowsScenario: Scenario = {
  name: 'flows',
  title: '7. Flows under worker kills and a Redis crash',
  async run(settings) {
    const started = Date.now();
    const flows = scaled(200, settings.scale, 10);
    const sizes = {
      flows,
      childrenPerFlow: CHILDREN,
      nodes: flows * (CHILDREN + 1),
      // At least 10 s of posting, so a small run still sees a few kills.
      flowsPerSec: Math.min(10, Math.max(1, Math.round(flows / 10))),
      workers: 3,
      concurrency: 4,
      lockMs: LOCK_MS,
      killEveryMs: 2_000,
      redisKills: 1,
      downMs: DOWN_MS,
    };
    const postMs = (sizes.flows / sizes.flowsPerSec) * 1_000;
    let load: FlowLoad | undefined;
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
      load: apiUrl =>
        (load = startFlowLoad({
          apiUrl,
          count: sizes.flows,
          ratePerSec: sizes.flowsPerSec,
          plan: planOf,
        })),
      async faults(stack) {
        const posting = load as FlowLoad;
        let postedAt: number | undefined;
        void posting.finished.then(() => (postedAt = Date.now()));
        const redisAt = Date.now() + postMs / 2;
        let redisKills = 0;
        let kills = 0;
        // Jobs a kill already cut short: their workers are spared, so no
        // job is hunted past MAX_STALLED into quarantine (a dead node is
        // scenario 6's subject, not this one's).
        const interrupted = new Set<string>();
        const over = () =>
          postedAt !== undefined &&
          redisKills > 0 &&
          (Date.now() > postedAt + TAIL_MS + settings.slackMs ||
            parentsDone(stack, posting));
        while (!over()) {
          const next = Date.now() + sizes.killEveryMs;
          // One fault at a time: a worker restarted while Redis is down
          // may not become healthy in time, which is not what is tested.
          if (redisKills === 0 && Date.now() >= redisAt) {
            await stack.killRedis();
            redisKills++;
            settings.log('  redis killed');
            await sleep(DOWN_MS);
            await stack.restartRedis();
            settings.log('  redis back');
          } else {
            // A worker with a job in hand, as in scenario 1; none within
            // the period: no kill this time.
            const index = await awaitBusyWorker(
              stack,
              () => Date.now() >= next,
              { spared: interrupted },
            );
            if (index !== undefined) {
              for (const id of jobsInHand(stack, index)) interrupted.add(id);
              await stack.killWorker(index);
              kills++;
              settings.log(`  killed worker ${index} (kill ${kills})`);
              await stack.restartWorker(index);
            }
          }
          await sleep(Math.max(0, next - Date.now()));
        }
        return { kills, redisKills };
      },
    });
    const flowReport: FlowReport = checkFlows({
      flows: (load as FlowLoad).flows,
      ledger: run.ledger,
      interruptions: run.interruptions,
      finalStatus: run.finalStatus,
    });
    const { report } = run;
    const result = resultOf(
      this,
      started,
      sizes,
      run,
      { ...run.extra, ...flowFigures(flowReport) },
      [
        ...promiseBounds(report),
        ...interruptedBounds(report),
        // A run that stored few flows proves little; a quarter leaves room
        // for the posts a slow Redis restart refuses (3 of 10 in a short
        // run on a loaded machine).
        atLeast(
          'acknowledgedFlows',
          flowReport.acknowledgedFlows,
          Math.ceil(sizes.flows / 4),
        ),
        ...flowBounds(flowReport),
      ],
    );
    return {
      ...result,
      samples: { ...result.samples, ...flowSamples(flowReport) },
    };
  },
};
