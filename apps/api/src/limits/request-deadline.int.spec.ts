import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import request from 'supertest';
import { startRedisServer, type RedisServer } from '@errand/local-redis';
import { JobStore } from '@errand/queue-core';
import { uniquePrefix, waitFor } from '@errand/queue-core/testing';
import { createSilentLogger } from '@errand/runtime';
import { createApp } from '../app';
import { hashApiKey } from '../auth/find-api-key';

const run = promisify(execFile);
const KEY = 'errand_shop-key-for-the-deadline-tests-00001';
const noop = { type: 'system.noop', payload: {} };

/** How many WAITs the server at `port` has run since its stats were reset. */
async function waitCalls(port: number): Promise<number> {
  const { stdout } = await run('redis-cli', [
    '-p',
    String(port),
    'info',
    'commandstats',
  ]);
  return Number(/cmdstat_wait:calls=(\d+)/.exec(stdout)?.[1] ?? 0);
}

/**
 * With REDIS_WAIT_REPLICAS, a POST /enqueue passes the rate limit (a
 * script), the queue cap (a read) and the add: only the add is a write worth
 * a WAIT, and the three share one deadline, so a replica that does not
 * answer costs one 503 within the second, not three deadlines in a row.
 */
describe('POST /enqueue with waitReplicas', () => {
  let master: RedisServer;
  let replica: RedisServer;
  let queues: JobStore;

  beforeAll(async () => {
    master = await startRedisServer();
    replica = await startRedisServer({
      extraArgs: ['--replicaof', '127.0.0.1', String(master.port)],
    });
    queues = new JobStore({
      redisUrl: master.url,
      prefix: uniquePrefix(),
      waitReplicas: 1,
      deadlineMs: 800,
    });
  }, 30_000);

  afterAll(async () => {
    master.process.kill('SIGCONT');
    replica.process.kill('SIGCONT');
    await queues?.close();
    await replica?.stop();
    await master?.stop();
  });

  const app = (store = queues) =>
    createApp({
      queues: store,
      logger: createSilentLogger(),
      apiKeys: [{ name: 'shop', role: 'producer', hash: hashApiKey(KEY) }],
      rateLimitPerMinute: 10_000,
    });

  const enqueue = (api: ReturnType<typeof app>) =>
    request(api)
      .post('/enqueue')
      .set('Authorization', `Bearer ${KEY}`)
      .send(noop);

  it('WAITs once, after the add', async () => {
    // A deadline no busy machine reaches: this test counts WAITs, and a
    // 503 from a slow answer would count none.
    const patient = new JobStore({
      redisUrl: master.url,
      prefix: uniquePrefix(),
      waitReplicas: 1,
      deadlineMs: 5_000,
    });
    try {
      const api = app(patient);
      // The replica may still be syncing.
      await waitFor(
        () => enqueue(api).then(res => res.status),
        status => status === 202,
        15_000,
        100,
      );
      await run('redis-cli', [
        '-p',
        String(master.port),
        'config',
        'resetstat',
      ]);

      expect((await enqueue(api)).status).toBe(202);

      expect(await waitCalls(master.port)).toBe(1);
    } finally {
      await patient.close();
    }
  });

  it('answers 503 within one deadline when no replica confirms', async () => {
    const api = app();
    await waitFor(
      () => enqueue(api).then(res => res.status),
      status => status === 202,
      15_000,
      100,
    );
    replica.process.kill('SIGSTOP');
    try {
      const startedAt = Date.now();
      const res = await enqueue(api);
      const tookMs = Date.now() - startedAt;

      expect(res.status).toBe(503);
      // One 800 ms deadline for the whole request, and slack for a busy
      // machine (answers took ~0.87 s with load average 10); separate
      // deadlines took 1.6 s (frozen master) to 2.4 s.
      expect(tookMs).toBeLessThan(1_400);
    } finally {
      replica.process.kill('SIGCONT');
    }
  });

  it('answers 503 within one deadline when the master freezes', async () => {
    const api = app();
    await waitFor(
      () => enqueue(api).then(res => res.status),
      status => status === 202,
      15_000,
      100,
    );
    master.process.kill('SIGSTOP');
    try {
      const startedAt = Date.now();
      const res = await enqueue(api);
      const tookMs = Date.now() - startedAt;

      expect(res.status).toBe(503);
      expect(tookMs).toBeLessThan(1_400);
    } finally {
      master.process.kill('SIGCONT');
    }
  });
});
