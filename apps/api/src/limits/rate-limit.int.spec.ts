import express from 'express';
import request from 'supertest';
import { JobStore } from '@errand/queue-core';
import { useQueueFixture } from '@errand/queue-core/testing';
import { createSilentLogger } from '@errand/runtime';
import { createApp } from '../app';
import { hashApiKey } from '../auth/find-api-key';
import { rateLimitByKey } from './rate-limit';

const SHOP = 'errand_shop-key-for-the-rate-limit-tests-0001';
const CRM = 'errand_crm-key-for-the-rate-limit-tests-00002';
const keys = [
  { name: 'shop', role: 'producer' as const, hash: hashApiKey(SHOP) },
  { name: 'crm', role: 'producer' as const, hash: hashApiKey(CRM) },
];
const noop = { type: 'system.noop', payload: {} };

describe('the per-key rate limit', () => {
  const fixture = useQueueFixture();
  const extra: JobStore[] = [];

  afterEach(async () => {
    await Promise.all(extra.splice(0).map(queues => queues.close()));
  });

  /** An API replica: its own JobStore (connection) on the shared Redis. */
  function replica(perMinute: number) {
    const queues = new JobStore({
      redisUrl: fixture.server.url,
      prefix: fixture.prefix,
    });
    extra.push(queues);
    return createApp({
      queues,
      logger: createSilentLogger(),
      apiKeys: keys,
      rateLimitPerMinute: perMinute,
    });
  }

  const enqueue = (app: ReturnType<typeof replica>, key: string) =>
    request(app)
      .post('/enqueue')
      .set('Authorization', `Bearer ${key}`)
      .send(noop);

  describe('when two API instances share one Redis', () => {
    it('counts a key across both, and answers 429 past the budget', async () => {
      const a = replica(4);
      const b = replica(4);

      const statuses = [];
      for (const app of [a, b, a, b]) {
        statuses.push((await enqueue(app, SHOP)).status);
      }
      const over = await enqueue(b, SHOP);

      expect(statuses).toEqual([202, 202, 202, 202]);
      expect(over.status).toBe(429);
      expect(over.headers['content-type']).toMatch('application/problem+json');
      expect(over.body).toMatchObject({
        code: 'request.rateLimited',
        status: 429,
        detail: expect.stringContaining('limit of 4 requests a minute'),
      });
      const retryAfter = Number(over.headers['retry-after']);
      expect(retryAfter).toBeGreaterThanOrEqual(1);
      expect(retryAfter).toBeLessThanOrEqual(60);
      expect(over.headers['ratelimit-policy']).toMatch(/q=4/);
    });

    it('keeps a separate budget for each key', async () => {
      const a = replica(2);
      const b = replica(2);
      await enqueue(a, SHOP);
      await enqueue(b, SHOP);

      const shop = await enqueue(a, SHOP);
      const crm = await enqueue(b, CRM);

      expect(shop.status).toBe(429);
      expect(crm.status).toBe(202);
    });
  });

  describe('when no rate is given', () => {
    it('does not limit', async () => {
      const app = createApp({
        queues: fixture.queues,
        logger: createSilentLogger(),
        apiKeys: keys,
      });

      for (let i = 0; i < 5; i++) {
        expect((await enqueue(app, SHOP)).status).toBe(202);
      }
    });
  });

  describe('when it is built and counts a request', () => {
    it("logs no warning, not even express-rate-limit's own start-up checks", async () => {
      const logger = createSilentLogger();
      const logged = [
        jest.spyOn(logger, 'warn'),
        jest.spyOn(logger, 'error'),
        jest.spyOn(console, 'warn').mockImplementation(() => undefined),
        jest.spyOn(console, 'error').mockImplementation(() => undefined),
      ];
      try {
        // Without keys: the bucket is the client's address, the path the
        // start-up check is about.
        const app = express()
          .use(rateLimitByKey(fixture.queues, 10, logger))
          .get('/', (_req, res) => void res.json({}));

        const answer = await request(app).get('/');

        expect(answer.status).toBe(200);
        expect(answer.headers['ratelimit']).toMatch(/r=9/);
        for (const spy of logged) expect(spy.mock.calls).toEqual([]);
      } finally {
        for (const spy of logged) spy.mockRestore();
      }
    });
  });
});
