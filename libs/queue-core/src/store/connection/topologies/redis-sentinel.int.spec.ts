import { execFile } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import {
  startRedisSentinels,
  startRedisServer,
  type RedisSentinelGroup,
  type RedisServer,
} from '@errand/local-redis';
import { QueueUnavailableError } from '../../errors/queue-unavailable-error';
import { startConsumer, type Consumer } from '../../../worker/start-consumer';
import { enqueueJob } from '../../../producer/enqueue-job';
import { JobStore } from '../../job-store';
import { testHandlers, uniquePrefix, waitFor } from '../../../testing/index';

const run = promisify(execFile);

/** Asks a sentinel which port the master is on now. */
async function masterPort(group: RedisSentinelGroup): Promise<number> {
  const port = group.sentinels[0]?.port ?? 0;
  const { stdout } = await run('redis-cli', [
    '-p',
    String(port),
    'sentinel',
    'get-master-addr-by-name',
    group.masterName,
  ]);
  return Number(stdout.trim().split('\n')[1]);
}

/**
 * A master, two replicas and three sentinels; the API's fail-fast producer and
 * a worker reach them only through the sentinels. A `SENTINEL FAILOVER`
 * promotes the replica while jobs are enqueued and run: both sides follow
 * it without a restart, and every enqueue that was acknowledged runs.
 */
describe('under Redis Sentinel', () => {
  let group: RedisSentinelGroup;
  let queues: JobStore | undefined;
  let consumer: Consumer | undefined;

  beforeAll(async () => {
    group = await startRedisSentinels({ replicas: 2 });
  }, 60_000);

  afterAll(async () => {
    await consumer?.close(1_000);
    await queues?.close();
    await group?.stop();
  });

  it('keeps jobs flowing across a failover, losing none acknowledged', async () => {
    const prefix = uniquePrefix();
    const succeeded = new Set<string>();
    consumer = startConsumer({
      redisUrl: group.url,
      prefix,
      types: ['system.noop'],
      concurrency: 4,
      handlers: testHandlers(),
      lockDurationMs: 2_000,
      hooks: {
        onSettled: event => {
          if (event.settlement === 'succeeded') succeeded.add(event.jobId);
        },
      },
    });
    queues = new JobStore({
      redisUrl: group.url,
      prefix,
      // Acknowledged only once a replica holds it: see docs/scaling.md.
      waitReplicas: 1,
    });
    const acknowledged: string[] = [];
    let refused = 0;
    let producing = true;
    const producer = (async () => {
      while (producing) {
        try {
          const { id } = await enqueueJob(queues as JobStore, {
            type: 'system.noop',
            payload: {},
          });
          acknowledged.push(id);
        } catch {
          // Unavailable while the master changes: a client retries.
          refused++;
          await sleep(50);
        }
        await sleep(5);
      }
    })();

    try {
      await waitFor(
        async () => acknowledged.length,
        count => count >= 50,
        10_000,
      );
      await run('redis-cli', [
        '-p',
        String(group.sentinels[0]?.port),
        'sentinel',
        'failover',
        group.masterName,
      ]);
      await waitFor(
        () => masterPort(group),
        port => port !== group.master.port,
        15_000,
        100,
      );
      const atFailover = acknowledged.length;
      await waitFor(
        async () => acknowledged.length,
        count => count >= atFailover + 50,
        20_000,
      );
    } finally {
      producing = false;
      await producer;
    }

    const lost = () => acknowledged.filter(id => !succeeded.has(id));
    await waitFor(
      async () => lost(),
      ids => ids.length === 0,
      20_000,
      100,
    );
    // The master changed under both of them without a restart, and the
    // producer was told "unavailable" for a while rather than lied to.
    expect(await masterPort(group)).not.toBe(group.master.port);
    expect(refused).toBeGreaterThan(0);
  }, 90_000);
});

describe('with waitReplicas', () => {
  let master: RedisServer;
  let replica: RedisServer;

  beforeAll(async () => {
    master = await startRedisServer();
    replica = await startRedisServer({
      extraArgs: ['--replicaof', '127.0.0.1', String(master.port)],
    });
    await waitFor(
      () =>
        run('redis-cli', ['-p', String(master.port), 'info', 'replication']),
      ({ stdout }) => /slave0:.*state=online/.test(stdout),
      10_000,
      100,
    );
  }, 30_000);

  afterAll(async () => {
    replica.process.kill('SIGCONT');
    await replica?.stop();
    await master?.stop();
  });

  it('acknowledges a job only once a replica holds it', async () => {
    const queues = new JobStore({
      redisUrl: master.url,
      prefix: uniquePrefix(),
      waitReplicas: 1,
      deadlineMs: 500,
    });
    const enqueue = () =>
      enqueueJob(queues, { type: 'system.noop', payload: {} });
    try {
      // The replica may still be syncing, and a busy machine slow to
      // connect: the first acknowledgement may take a few tries.
      const first = await waitFor(
        () => enqueue().catch((error: unknown) => error),
        result => !(result instanceof Error),
        10_000,
      );
      expect(first).toMatchObject({ status: 'queued' });

      replica.process.kill('SIGSTOP');
      const refused = await enqueue().catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(QueueUnavailableError);
      expect((refused as Error).message).toMatch(
        /0 of 1 replicas acknowledged|no answer within 500 ms/,
      );

      replica.process.kill('SIGCONT');
      const after = await waitFor(
        () => enqueue().catch((error: unknown) => error),
        result => !(result instanceof Error),
        10_000,
      );
      expect(after).toMatchObject({ status: 'queued' });
    } finally {
      replica.process.kill('SIGCONT');
      await queues.close();
    }
  });

  it('is refused on a cluster URL, where WAIT cannot be aimed', () => {
    expect(
      () =>
        new JobStore({
          redisUrl: 'redis+cluster://127.0.0.1:7000',
          waitReplicas: 1,
        }),
    ).toThrow('waitReplicas is not supported on a cluster URL.');
  });

  it("is 'all' only through the sentinels, who know which replicas count", () => {
    expect(
      () =>
        new JobStore({
          redisUrl: 'redis://127.0.0.1:6379',
          waitReplicas: 'all',
        }),
    ).toThrow("waitReplicas 'all' needs a redis+sentinel:// URL");
  });
});
