import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { startRedisServer, type RedisServer } from '@errand/local-redis';
import { QueueSet } from '@errand/queue-core';
import { createSilentLogger } from '@errand/runtime';
import { createApp } from '../app';

describe('the health endpoints', () => {
  let redis: RedisServer;
  let queues: QueueSet;

  beforeAll(async () => {
    redis = await startRedisServer();
    queues = new QueueSet({
      redisUrl: redis.url,
      prefix: `test-${randomUUID().slice(0, 8)}`,
    });
  });

  afterAll(async () => {
    await queues?.close();
    await redis?.stop();
  });

  const app = () => createApp({ queues, logger: createSilentLogger() });

  it('answers GET /healthz with 200 while the process is up', async () => {
    const res = await request(app()).get('/healthz');

    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok' });
  });

  it('answers GET /readyz with 200 while Redis answers', async () => {
    const res = await request(app()).get('/readyz');

    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ready' });
  });
});
