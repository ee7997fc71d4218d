import { parseFlowRequest, type JobView } from '@errand/contracts';
import { findFreePort } from '@errand/local-redis';
import { enqueueFlow, getJobView } from '@errand/queue-core';
import { useQueueFixture, waitFor } from '@errand/queue-core/testing';
import {
  killApp,
  spawnApp,
  waitUntilHealthy,
  type SpawnedApp,
} from '@errand/runtime/testing';

const MAIN = 'apps/worker/src/main.ts';
/** Generous for a loaded machine; a healthy run takes about a second. */
const ENDS_WITHIN_MS = 20_000;

const ms = (iso: string | null) => (iso === null ? NaN : Date.parse(iso));

describe('flows, run by the worker process', () => {
  const fixture = useQueueFixture();
  let worker: SpawnedApp | undefined;

  beforeEach(async () => {
    const port = await findFreePort();
    worker = spawnApp(MAIN, {
      REDIS_URL: fixture.server.url,
      QUEUE_PREFIX: fixture.prefix,
      LOG_LEVEL: 'warn',
      SHUTDOWN_GRACE_MS: '1000',
      METRICS_PORT: String(port),
      WORKER_CONCURRENCY: '4',
    });
    await waitUntilHealthy(worker, `http://127.0.0.1:${port}/healthz`);
  });

  afterEach(async () => {
    await killApp(worker);
    worker = undefined;
  });

  const ended = (id: string) =>
    waitFor(
      () => getJobView(fixture.queues, id),
      (view: JobView) => view.status === 'succeeded',
      ENDS_WITHIN_MS,
    );

  it('starts each parent only after all of its children have ended', async () => {
    const flow = await enqueueFlow(
      fixture.queues,
      parseFlowRequest({
        type: 'system.sleep',
        payload: { ms: 10 },
        children: [
          { type: 'system.sleep', payload: { ms: 300 } },
          {
            type: 'system.sleep',
            payload: { ms: 50 },
            children: [{ type: 'system.noop', payload: {} }],
          },
        ],
      }),
    );
    const [root, slow, middle, leaf] = flow.nodes;

    const views = new Map<string, JobView>();
    views.set(root.id, await ended(root.id));
    for (const node of [slow, middle, leaf]) {
      views.set(node.id, await ended(node.id));
    }

    const startOf = (id: string) => ms(views.get(id)?.startedAt ?? null);
    const endOf = (id: string) => ms(views.get(id)?.finishedAt ?? null);
    expect(startOf(root.id)).toBeGreaterThanOrEqual(endOf(slow.id));
    expect(startOf(root.id)).toBeGreaterThanOrEqual(endOf(middle.id));
    expect(startOf(middle.id)).toBeGreaterThanOrEqual(endOf(leaf.id));
    expect(views.get(root.id)).toMatchObject({
      attempts: { made: 1 },
      children: { total: 2, counts: { succeeded: 2 } },
    });
    expect(views.get(slow.id)?.parentId).toBe(root.id);
  });

  it('runs a chain one step after another', async () => {
    const flow = await enqueueFlow(
      fixture.queues,
      parseFlowRequest({
        chain: [
          { type: 'system.sleep', payload: { ms: 100 } },
          { type: 'system.sleep', payload: { ms: 20 } },
          { type: 'system.noop', payload: {} },
        ],
      }),
    );
    // Parents first: the root is the chain's last step.
    const [last, second, first] = flow.nodes;

    const views = [
      await ended(last.id),
      await ended(second.id),
      await ended(first.id),
    ];

    expect(ms(views[1].startedAt)).toBeGreaterThanOrEqual(
      ms(views[2].finishedAt),
    );
    expect(ms(views[0].startedAt)).toBeGreaterThanOrEqual(
      ms(views[1].finishedAt),
    );
  });
});
