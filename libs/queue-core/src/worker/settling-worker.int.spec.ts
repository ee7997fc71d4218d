import { setTimeout as sleep } from 'node:timers/promises';
import { getJobView } from '../store/find-job';
import { enqueueJob } from '../index';
import { completed } from '@errand/contracts';
import { testHandlers, waitFor } from '../testing/index';
import { useQueueFixture } from '../testing/queue-fixture';
import { setRedisConfig } from '../testing/set-redis-config';

/**
 * A handler succeeds while Redis refuses writes, as a master does in the
 * middle of a failover: the completion must wait for Redis, not turn the
 * success into a failure (on the last attempt: `dead`).
 */
describe('a success written while Redis refuses writes', () => {
  const fixture = useQueueFixture();
  const refuseWrites = (refuse: boolean) =>
    setRedisConfig(
      fixture.server.url,
      'min-replicas-to-write',
      refuse ? '1' : '0',
    );

  afterEach(async () => {
    await refuseWrites(false);
  });

  // system.noop has no retries: its one attempt is also its last.
  it('is recorded succeeded once Redis takes writes again, run once', async () => {
    let runs = 0;
    fixture.startConsumer({
      types: ['system.noop'],
      concurrency: 1,
      handlers: testHandlers({
        'system.noop': async () => {
          runs++;
          // From here on every write fails with NOREPLICAS.
          await refuseWrites(true);
          return completed({});
        },
      }),
    });
    const { id } = await enqueueJob(fixture.queues, {
      type: 'system.noop',
      payload: {},
    });
    await waitFor(
      async () => runs,
      n => n === 1,
      10_000,
    );
    // Long enough for BullMQ to have given the completion up, before.
    await sleep(1_500);
    await refuseWrites(false);

    const view = await waitFor(
      () => getJobView(fixture.queues, id),
      job => job.status !== 'running' && job.status !== 'queued',
      15_000,
      100,
    );
    expect(view.status).toBe('succeeded');
    expect(runs).toBe(1);
  }, 30_000);
});
