import { Redis } from 'ioredis';
import { startRedisCluster, type RedisCluster } from '@errand/local-redis';
import {
  completed,
  jobTypes,
  type JobView,
  parseReplayRequest,
  retry,
} from '@errand/contracts';
import { cancelJob } from '../../../admin/operations/cancel-job';
import { startConsumer, type Consumer } from '../../../worker/start-consumer';
import { retryDeadJob } from '../../../admin/dead-letter/retry-dead-job';
import { replayDeadJobs } from '../../../admin/dead-letter/replay-dead-jobs';
import { enqueueIdempotently } from '../../../producer/idempotency/enqueue-idempotently';
import { getJobView } from '../../find-job';
import { enqueueJob } from '../../../producer/enqueue-job';
import { JobStore } from '../../job-store';
import { redisCommandSender } from '../../redis-command-sender';
import { listSchedules } from '../../../admin/inspection/list-schedules';
import { reconcileSchedules } from '../../../producer/schedules/reconcile-schedules';
import {
  FAST_RETRY_POLICY,
  testHandlers,
  uniquePrefix,
  waitFor,
} from '../../../testing/index';

/**
 * The queue path against a real three-master Redis Cluster: every key of a
 * queue must hash to one slot (BullMQ's scripts touch several at once), and
 * the job types must spread over the masters.
 */
describe('on a Redis Cluster', () => {
  let cluster: RedisCluster;
  let prefix: string;
  let queues: JobStore;
  let consumer: Consumer | undefined;

  beforeAll(async () => {
    cluster = await startRedisCluster({ masters: 3 });
  }, 60_000);

  afterAll(async () => {
    await cluster?.stop();
  });

  beforeEach(() => {
    prefix = uniquePrefix();
    queues = new JobStore({ redisUrl: cluster.url, prefix, deadlineMs: 3_000 });
  });

  afterEach(async () => {
    await consumer?.close(1_000);
    consumer = undefined;
    await queues.close();
  });

  /** system.fail succeeds once its message is "ok"; the rest as in tests. */
  const start = () =>
    (consumer = startConsumer({
      redisUrl: cluster.url,
      prefix,
      types: jobTypes,
      concurrency: 2,
      retryPolicy: FAST_RETRY_POLICY,
      handlers: testHandlers({
        'system.fail': async ({ message }, { attempt }) =>
          message === 'ok'
            ? completed({ succeededOnAttempt: attempt })
            : retry(message ?? 'failed'),
      }),
    }));

  const statusOf = (id: string, status: JobView['status'], ms = 10_000) =>
    waitFor(
      () => getJobView(queues, id),
      job => job.status === status,
      ms,
    );

  /** Every key of ours on every master, by the slot it hashes to. */
  async function keysBySlot(): Promise<Map<number, string[]>> {
    const bySlot = new Map<number, string[]>();
    for (const node of cluster.nodes) {
      const direct = new Redis(node.port, '127.0.0.1');
      try {
        const keys = await direct.keys(`${prefix}:*`);
        for (const key of keys) {
          const slot = Number(await direct.cluster('KEYSLOT', key));
          bySlot.set(slot, [...(bySlot.get(slot) ?? []), key]);
        }
      } finally {
        direct.disconnect();
      }
    }
    return bySlot;
  }

  it('hash-tags each queue, so its keys share a slot and types spread', async () => {
    expect(queues.naming.hashTag).toBe(true);
    const types = ['email.send', 'system.noop', 'webhook.deliver'] as const;
    await enqueueJob(queues, {
      type: 'email.send',
      payload: { to: 'a@example.com', subject: 'Hi' },
    });
    await enqueueJob(queues, { type: 'system.noop', payload: {} });
    await enqueueJob(queues, {
      type: 'webhook.deliver',
      payload: {
        url: 'https://hooks.example.com/x',
        body: {},
        secret: 'whsec_0123456789abcdef',
      },
    });

    const bySlot = await keysBySlot();
    for (const type of types) {
      const slots = [...bySlot].filter(([, keys]) =>
        keys.some(key => key.startsWith(`${prefix}:{${type}}:`)),
      );
      expect(slots).toHaveLength(1);
      const keys = slots[0]?.[1] ?? [];
      expect(keys.every(k => k.startsWith(`${prefix}:{${type}}:`))).toBe(true);
    }
    expect(bySlot.size).toBe(types.length);
  });

  it('enqueues and processes a job', async () => {
    start();
    const { id } = await enqueueJob(queues, {
      type: 'system.noop',
      payload: {},
    });

    await expect(statusOf(id, 'succeeded')).resolves.toMatchObject({ id });
  });

  it('dead-letters a failing job, then retries and replays it', async () => {
    start();
    const first = await enqueueJob(queues, {
      type: 'system.fail',
      payload: { message: 'boom' },
      retries: 1,
    });
    const second = await enqueueJob(queues, {
      type: 'system.fail',
      payload: { message: 'boom' },
      retries: 0,
    });
    await statusOf(first.id, 'dead');
    await statusOf(second.id, 'dead');

    const retried = await retryDeadJob(queues, first.id, 'test');
    expect(retried.status).not.toBe('dead');
    await statusOf(first.id, 'dead');

    const { result } = await replayDeadJobs(
      queues,
      parseReplayRequest({ type: 'system.fail', patch: { message: 'ok' } }),
      { by: 'test' },
    );
    expect(result.jobs.map(job => job.id).sort()).toEqual(
      [first.id, second.id].sort(),
    );
    await statusOf(first.id, 'succeeded');
    await statusOf(second.id, 'succeeded');
  });

  it('replays dead jobs named by id, whatever their types', async () => {
    start();
    const failed = await enqueueJob(queues, {
      type: 'system.fail',
      payload: { message: 'boom', permanent: true },
    });
    await statusOf(failed.id, 'dead');

    const { result } = await replayDeadJobs(
      queues,
      parseReplayRequest({
        ids: [failed.id],
        patch: { message: 'ok', permanent: false },
      }),
      { by: 'test' },
    );

    expect(result.jobs).toEqual([{ id: failed.id, type: 'system.fail' }]);
    await statusOf(failed.id, 'succeeded');
  });

  it('cancels a waiting job and a running one', async () => {
    const waiting = await enqueueJob(queues, {
      type: 'system.noop',
      payload: {},
      delay: 60_000,
    });
    await expect(cancelJob(queues, waiting.id, 'test')).resolves.toMatchObject({
      outcome: 'cancelled',
    });

    start();
    const running = await enqueueJob(queues, {
      type: 'system.sleep',
      payload: { ms: 30_000 },
    });
    await statusOf(running.id, 'running');
    await expect(cancelJob(queues, running.id, 'test')).resolves.toMatchObject({
      outcome: 'requested',
    });
    await statusOf(running.id, 'cancelled');
    expect((await getJobView(queues, waiting.id)).status).toBe('cancelled');
  });

  it('keeps idempotency records: a repeat answers the first job', async () => {
    const request = { type: 'system.noop' as const, payload: {} };
    const once = { key: 'order-42', body: request, secret: 'test-secret' };

    const first = await enqueueIdempotently(queues, request, once);
    const again = await enqueueIdempotently(queues, request, once);

    expect(first.created).toBe(true);
    expect(again).toMatchObject({
      created: false,
      accepted: { id: first.accepted.id },
    });
  });

  it('loads a rate-limit script on every master, so EVALSHA runs for any key', async () => {
    const send = redisCommandSender(queues);
    const sha = String(
      await send('SCRIPT', 'LOAD', "return redis.call('INCR', KEYS[1])"),
    );

    // Eight keys: with three masters, some land away from the node that
    // would have got a plain SCRIPT LOAD.
    const counts = await Promise.all(
      'abcdefgh'
        .split('')
        .map(client =>
          send('EVALSHA', sha, '1', `${prefix}:rate-limit:${client}`),
        ),
    );

    expect(counts).toEqual([1, 1, 1, 1, 1, 1, 1, 1]);
  });

  it('keeps recurring schedules in their queues’ slots', async () => {
    await reconcileSchedules(queues, [
      { name: 'heartbeat', every: 60_000, type: 'system.noop', payload: {} },
      {
        name: 'digest',
        cron: '0 6 * * *',
        type: 'email.send',
        payload: { to: 'ops@example.com', subject: 'Digest' },
      },
    ]);

    const listed = await listSchedules(queues);

    expect(listed.map(schedule => schedule.name).sort()).toEqual([
      'digest',
      'heartbeat',
    ]);
  });
});
