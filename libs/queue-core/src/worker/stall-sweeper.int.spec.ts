import { Worker } from 'bullmq';
import { completed, parseEnqueueRequest } from '@errand/contracts';
import { enqueueJob } from '../index';
import { getJobView } from '../store/find-job';
import { queueNameFor } from '../store/queue-name';
import { testHandlers, useQueueFixture, waitFor } from '../testing/index';
import { startStallSweeper } from './stall-sweeper';

/**
 * Integration (Redis): a worker "dies" holding a job. It is a raw BullMQ
 * worker that never renews its lock and is then force-closed, which leaves
 * the job in the active list with a lock that expires after LOCK_MS, as a
 * SIGKILL would.
 */
const LOCK_MS = 1_000;
/** Far beyond the test: BullMQ's own check cannot be what moves the job. */
const STALLED_INTERVAL_MS = 60_000;

describe('the stall sweep', () => {
  const fixture = useQueueFixture();

  async function jobHeldByADeadWorker(): Promise<string> {
    const dying = new Worker(
      queueNameFor('system.sleep', fixture.queues.naming),
      () => new Promise(() => undefined),
      {
        connection: { port: fixture.server.port, maxRetriesPerRequest: null },
        prefix: fixture.prefix,
        lockDuration: LOCK_MS,
        skipLockRenewal: true,
        stalledInterval: STALLED_INTERVAL_MS,
      },
    );
    const job = await enqueueJob(
      fixture.queues,
      parseEnqueueRequest({ type: 'system.sleep', payload: { ms: 10 } }),
    );
    await waitFor(
      () => getJobView(fixture.queues, job.id),
      v => v.status === 'running',
    );
    await dying.close(true);
    return job.id;
  }

  function consume(stallSweepMs: number, maxStalledCount = 1) {
    fixture.startConsumer({
      maxStalledCount,
      types: ['system.sleep'],
      concurrency: 1,
      handlers: testHandlers({
        'system.sleep': async () => completed({ sleptMs: 0 }),
      }),
      lockDurationMs: LOCK_MS,
      stalledIntervalMs: STALLED_INTERVAL_MS,
      stallSweepMs,
    });
  }

  it("runs a dead worker's job again soon after its lock expires", async () => {
    const id = await jobHeldByADeadWorker();
    const started = Date.now();
    consume(200);

    const done = await waitFor(
      () => getJobView(fixture.queues, id),
      v => v.status === 'succeeded',
      LOCK_MS + 3_000,
    );
    expect(done.attempts.made).toBe(1);
    expect(Date.now() - started).toBeLessThan(LOCK_MS + 3_000);
  });

  it('leaves the stall count to BullMQ, which quarantines a job past it', async () => {
    const id = await jobHeldByADeadWorker();
    consume(200, 0);

    const dead = await waitFor(
      () => getJobView(fixture.queues, id),
      v => v.status === 'dead',
      LOCK_MS + 3_000,
    );
    expect(dead.lastError?.message).toMatch(/stalled/);
  });

  it('without the sweep, the same job waits for BullMQ’s next check', async () => {
    const id = await jobHeldByADeadWorker();
    consume(0);

    await new Promise(resolve => setTimeout(resolve, LOCK_MS + 2_000));
    expect((await getJobView(fixture.queues, id)).status).toBe('running');
  });

  it('leaves a job whose worker is alive alone', async () => {
    const queue = fixture.queues.queueFor('system.sleep');
    let finish = () => undefined as void;
    const live = new Worker(
      queue.name,
      () => new Promise<void>(resolve => (finish = resolve)),
      {
        connection: { port: fixture.server.port, maxRetriesPerRequest: null },
        prefix: fixture.prefix,
        lockDuration: LOCK_MS,
        stalledInterval: STALLED_INTERVAL_MS,
      },
    );
    try {
      const job = await enqueueJob(
        fixture.queues,
        parseEnqueueRequest({ type: 'system.sleep', payload: { ms: 10 } }),
      );
      await waitFor(
        () => getJobView(fixture.queues, job.id),
        v => v.status === 'running',
      );
      const sweeper = startStallSweeper(
        live,
        fixture.queues.connection,
        60_000,
      );
      sweeper.stop();
      // Past the first lock's expiry: only renewal keeps it.
      await new Promise(resolve => setTimeout(resolve, LOCK_MS + 200));
      expect(await sweeper.sweepOnce()).toEqual([]);
      expect((await getJobView(fixture.queues, job.id)).status).toBe('running');
    } finally {
      finish();
      await live.close();
    }
  });
});
