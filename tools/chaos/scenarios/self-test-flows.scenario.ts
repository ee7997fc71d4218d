import { checkFlows, flowFigures, flowSamples } from '../flow-checker';
import { startFlowLoad, type FlowLoad, type FlowPlan } from '../flow-load';
import { runWithLoad } from '../run-with-load';
import { atLeast, atMost, resultOf, type Scenario } from '../scenario';

/**
 * Children that outlast the early parent's run by far, even on a loaded
 * machine that takes a second or two to fetch the released parent (the
 * most `system.ledger` allows).
 */
const SLOW_CHILD_MS = 5_000;

/**
 * Even flows release their parent early: one child dies at once (a
 * `throw` poison, no retry) under `onFailure: "continue"`, so the parent
 * runs while its three slow siblings still work, and reads them pending.
 * Odd flows' parents record `done` twice in one run (a `twice` poison), a
 * completion no fault explains.
 */
const planOf = (n: number): FlowPlan => {
  const slow = (i: number) => ({
    ref: `selfflow-${n}/child-${i}`,
    payload: { ms: n % 2 === 0 ? SLOW_CHILD_MS : 20 },
  });
  const children = [0, 1, 2].map(slow);
  if (n % 2 === 1) {
    return {
      parent: { ref: `selfflow-${n}/parent`, payload: { poison: 'twice' } },
      children,
    };
  }
  return {
    parent: {
      ref: `selfflow-${n}/parent`,
      payload: { ms: 20, readChildren: true },
    },
    children: [
      ...children,
      {
        ref: `selfflow-${n}/child-dies`,
        payload: { poison: 'throw' },
        options: { retries: 0, onFailure: 'continue' },
      },
    ],
  };
};

/**
 * Self-test: the flow checker must see a parent released before its
 * children ended (and reading fewer succeeded than it has) and a parent
 * completed twice with no fault to explain it. Both are broken on purpose (see planOf), on a worker started with
 * ERRAND_CHAOS and no fault injected; the checker must report each such
 * parent, and lose no node.
 */
export const selfTestFlowsScenario: Scenario = {
  name: 'self-test-flows',
  title: 'Self-test: a parent released early or run twice → reported',
  async run(settings) {
    const started = Date.now();
    // Enough slots for every node of every flow at once: the early parent
    // must find a free one while its slow siblings still hold theirs.
    const sizes = { flows: 6, flowsPerSec: 3, workers: 1, concurrency: 32 };
    let load: FlowLoad | undefined;
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
      load: apiUrl =>
        (load = startFlowLoad({
          apiUrl,
          count: sizes.flows,
          ratePerSec: sizes.flowsPerSec,
          plan: planOf,
        })),
      faults: async () => ({}),
    });
    const flows = checkFlows({
      flows: (load as FlowLoad).flows,
      ledger: run.ledger,
      interruptions: run.interruptions,
      finalStatus: run.finalStatus,
    });
    const broken = sizes.flows / 2;
    const result = resultOf(this, started, sizes, run, flowFigures(flows), [
      atLeast('parentsEarly', flows.parentsEarly.length, broken),
      atLeast('parentExtraRuns', flows.parentExtraRuns.length, broken),
      atLeast('missingChildren', flows.missingChildren.length, broken),
      atMost('lost', run.report.lost.length, 0),
    ]);
    return { ...result, samples: { ...result.samples, ...flowSamples(flows) } };
  },
};
