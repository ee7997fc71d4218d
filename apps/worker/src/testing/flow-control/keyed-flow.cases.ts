import { parseFlowRequest } from '@errand/contracts';
import { enqueueFlow } from '@errand/queue-core';
import { waitFor } from '@errand/queue-core/testing';
import { mostAtOnce, mostAtOncePerKey, runsOf } from './flow-checks';
import { useFlowStack, type Topology } from './flow-stack';

const sleep = (ms: number, concurrencyKey: string) => ({
  type: 'system.sleep',
  payload: { ms },
  concurrencyKey,
});

/** Six children of key `acme`, then one child each of four other keys. */
const children = [
  ...Array.from({ length: 6 }, () => sleep(300, 'acme')),
  ...Array.from({ length: 4 }, (_, i) => sleep(300, `other-${i}`)),
];

/**
 * A flow whose children share a `concurrencyKey`, run by two real worker
 * processes: the key's cap holds from the children's recorded start and
 * end times, other keys run beside it, and the same check fails without
 * the cap.
 */
export function describeKeyedFlow(topology: Topology): void {
  const stack = useFlowStack(topology);

  /** Stores the flow, waits for all of it, and answers the children's runs. */
  const runFlow = async () => {
    const flow = await enqueueFlow(
      stack.store,
      parseFlowRequest({ type: 'system.sleep', payload: { ms: 0 }, children }),
    );
    const ids = flow.nodes.map(node => node.id);
    const views = await waitFor(
      () => stack.views(ids),
      all => all.every(view => view.status === 'succeeded'),
      30_000,
      200,
    );
    const keyOf = new Map(
      flow.nodes.flatMap(node => {
        const index = /^\/children\/(\d+)$/.exec(node.path)?.[1];
        return index === undefined
          ? []
          : [[node.id, children[Number(index)].concurrencyKey] as const];
      }),
    );
    return { views, runs: runsOf(views, keyOf) };
  };

  it('with perKeyConcurrency 1, never runs two of the key at once, nor holds back the other keys', async () => {
    await stack.setLimits('system.sleep', { perKeyConcurrency: 1 });
    await stack.startWorkers(2, ['system.sleep'], {
      WORKER_CONCURRENCY: '8',
    });

    const { views, runs } = await runFlow();

    const childRuns = runs.filter(run => run.key !== undefined);
    expect(childRuns).toHaveLength(10);
    const perKey = mostAtOncePerKey(childRuns);
    expect(perKey.get('acme')).toBe(1);
    // The other keys ran beside acme's, not after it.
    expect(mostAtOnce(childRuns)).toBeGreaterThanOrEqual(2);
    const acme = childRuns.filter(run => run.key === 'acme');
    const lastOther = Math.max(
      ...childRuns.filter(run => run.key !== 'acme').map(run => run.start),
    );
    expect(lastOther).toBeLessThan(Math.max(...acme.map(run => run.start)));
    // Held children waited without using an attempt; the parent ran last.
    expect(views.every(view => view.attempts.made === 1)).toBe(true);
    const root = runs.find(run => run.key === undefined);
    expect(root?.start).toBeGreaterThanOrEqual(
      Math.max(...childRuns.map(run => run.end)),
    );
  }, 60_000);

  it('without the cap, the same flow runs the key more than once at a time (the check can fail)', async () => {
    await stack.startWorkers(2, ['system.sleep'], {
      WORKER_CONCURRENCY: '8',
    });

    const { runs } = await runFlow();

    expect(
      mostAtOncePerKey(runs.filter(run => run.key !== undefined)).get('acme'),
    ).toBeGreaterThan(1);
  }, 60_000);
}
