import request from 'supertest';
import type { Express } from 'express';
import { findFreePort } from '@errand/local-redis';
import { JobStore } from '@errand/queue-core';
import { useQueueFixture } from '@errand/queue-core/testing';
import { createSilentLogger } from '@errand/runtime';
import { createApp } from '../app';
import {
  DEFAULT_AUTH_FAILURE_LIMIT,
  DEFAULT_AUTH_FAILURE_WINDOW_MS,
} from './auth-failure-limit';
import { hashApiKey } from './find-api-key';

const ADMIN = 'errand_admin-key-for-the-auth-failure-tests-01';
const SHOP = 'errand_shop-key-for-the-auth-failure-tests-002';
const keys = [
  { name: 'ops', role: 'admin' as const, hash: hashApiKey(ADMIN) },
  { name: 'shop', role: 'producer' as const, hash: hashApiKey(SHOP) },
];
const noop = { type: 'system.noop', payload: {} };
const LIMIT = DEFAULT_AUTH_FAILURE_LIMIT;

describe('the limit on failed authentication', () => {
  const fixture = useQueueFixture();
  const extra: JobStore[] = [];

  afterEach(async () => {
    await Promise.all(extra.splice(0).map(queues => queues.close()));
  });

  /** An API replica: its own JobStore (connection) on the shared Redis. */
  function replica(): Express {
    const queues = new JobStore({
      redisUrl: fixture.server.url,
      prefix: fixture.prefix,
    });
    extra.push(queues);
    return createApp({
      queues,
      logger: createSilentLogger(),
      apiKeys: keys,
      authFailureLimit: {
        limit: LIMIT,
        windowMs: DEFAULT_AUTH_FAILURE_WINDOW_MS,
      },
    });
  }

  const withKey = (app: Express, key: string) =>
    request(app)
      .post('/enqueue')
      .set('Authorization', `Bearer ${key}`)
      .send(noop);

  const logIn = (app: Express, key: string) =>
    request(app).post('/admin/queues/login').type('form').send({ key });

  /** Expects the 429 problem that a blocked address gets. */
  function expectBlocked(res: request.Response): void {
    expect(res.status).toBe(429);
    expect(res.headers['content-type']).toMatch('application/problem+json');
    expect(res.body).toMatchObject({
      code: 'request.rateLimited',
      status: 429,
      detail: expect.stringContaining('failed authentication attempts'),
    });
    const retryAfter = Number(res.headers['retry-after']);
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(
      DEFAULT_AUTH_FAILURE_WINDOW_MS / 1_000,
    );
  }

  describe('with bad bearer keys', () => {
    it(`answers 401 to ${LIMIT} of them, then 429 with Retry-After`, async () => {
      const app = replica();
      const statuses = [];
      for (let i = 0; i < LIMIT; i++) {
        statuses.push((await withKey(app, `${SHOP}-wrong-${i}`)).status);
      }

      const over = await withKey(app, `${SHOP}-wrong-again`);

      expect(statuses).toEqual(Array(LIMIT).fill(401));
      expectBlocked(over);
    });

    it('refuses even a valid key from that address while it is blocked', async () => {
      const app = replica();
      for (let i = 0; i < LIMIT; i++) await withKey(app, `wrong-${i}`);

      expectBlocked(await withKey(app, SHOP));
      expectBlocked(
        await request(app)
          .get('/admin/queues/api/queues')
          .set('Authorization', `Bearer ${ADMIN}`),
      );
    });

    it('counts the failures of every replica against one budget', async () => {
      const [a, b] = [replica(), replica()];
      for (let i = 0; i < LIMIT; i++) {
        await withKey(i % 2 ? a : b, `wrong-${i}`);
      }

      expectBlocked(await withKey(a, 'wrong-again'));
      expectBlocked(await withKey(b, 'wrong-again'));
    });

    it('counts neither successes nor requests without a key', async () => {
      const app = replica();
      for (let i = 0; i < LIMIT; i++) {
        expect((await withKey(app, SHOP)).status).toBe(202);
        expect((await request(app).get('/stats')).status).toBe(401);
      }
      for (let i = 0; i < LIMIT - 1; i++) await withKey(app, `wrong-${i}`);

      expect((await withKey(app, 'wrong-last')).status).toBe(401);
      expect((await request(app).get('/healthz')).status).toBe(200);
    });
  });

  describe('at the dashboard login form', () => {
    it(`answers 401 to ${LIMIT} bad keys, then 429, even to the admin key`, async () => {
      const app = replica();
      const statuses = [];
      for (let i = 0; i < LIMIT; i++) {
        statuses.push((await logIn(app, `wrong-${i}`)).status);
      }

      const over = await logIn(app, 'wrong-again');
      const admin = await logIn(app, ADMIN);

      expect(statuses).toEqual(Array(LIMIT).fill(401));
      expectBlocked(over);
      expectBlocked(admin);
      expect(admin.headers['set-cookie']).toBeUndefined();
    });

    it('shares its budget with the bearer keys', async () => {
      const app = replica();
      for (let i = 0; i < LIMIT; i++) {
        await (i % 2 ? logIn(app, `wrong-${i}`) : withKey(app, `wrong-${i}`));
      }

      expectBlocked(await logIn(app, 'wrong-again'));
      expectBlocked(await withKey(app, 'wrong-again'));
    });
  });

  describe('behind a proxy', () => {
    /** A replica that trusts `trustProxy` to name the client address. */
    function behindProxy(trustProxy?: string): Express {
      return createApp({
        queues: fixture.queues,
        logger: createSilentLogger(),
        apiKeys: keys,
        authFailureLimit: { limit: 2, windowMs: 60_000 },
        trustProxy,
      });
    }

    const from = (app: Express, address: string, key: string) =>
      withKey(app, key).set('X-Forwarded-For', address);

    it('counts each client address the trusted proxy names on its own', async () => {
      const app = behindProxy('loopback');
      await from(app, '203.0.113.7', 'wrong-1');
      await from(app, '203.0.113.7', 'wrong-2');

      const blocked = await from(app, '203.0.113.7', SHOP);
      const other = await from(app, '198.51.100.9', SHOP);

      expect(blocked.status).toBe(429);
      expect(other.status).toBe(202);
    });

    it('ignores X-Forwarded-For from a client when no proxy is trusted', async () => {
      const app = behindProxy();
      await from(app, '203.0.113.7', 'wrong-1');
      await from(app, '203.0.113.8', 'wrong-2');

      expect((await from(app, '203.0.113.9', SHOP)).status).toBe(429);
    });
  });

  describe('when Redis cannot count', () => {
    it('lets requests through to authentication, as the rate limit does', async () => {
      const queues = new JobStore({
        redisUrl: `redis://127.0.0.1:${await findFreePort()}`,
        prefix: fixture.prefix,
      });
      extra.push(queues);
      const app = createApp({
        queues,
        logger: createSilentLogger(),
        apiKeys: keys,
        authFailureLimit: { limit: 1, windowMs: 60_000 },
      });

      const bad = await withKey(app, 'wrong');
      const login = await logIn(app, 'wrong');
      const good = await request(app)
        .get('/metrics')
        .set('Authorization', `Bearer ${ADMIN}`);

      expect(bad.status).toBe(401);
      expect(login.status).toBe(401);
      expect(good.status).toBe(200);
    });
  });

  describe('when no limit is given', () => {
    it('does not limit', async () => {
      const app = createApp({
        queues: fixture.queues,
        logger: createSilentLogger(),
        apiKeys: keys,
      });

      for (let i = 0; i <= LIMIT; i++) {
        expect((await withKey(app, `wrong-${i}`)).status).toBe(401);
      }
    });
  });
});
