import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import request from 'supertest';
import {
  findFreePort,
  startRedisServer,
  type RedisServer,
} from '@errand/local-redis';
import { JobStore } from '@errand/queue-core';
import { useQueueFixture } from '@errand/queue-core/testing';
import { createSilentLogger } from '@errand/runtime';
import { createApp } from './app';

const PROBLEM_JSON = /^application\/problem\+json/;
/** What the API promises a client when Redis is down: an answer within 1 s. */
const UNAVAILABLE_WITHIN_MS = 1_000;

const welcomeEmail = {
  type: 'email.send',
  payload: { to: 'user@example.com', subject: 'Welcome!' },
};

const testPrefix = () => `test-${randomUUID().slice(0, 8)}`;

/** Runs `send` and returns its response and how long it took. */
/** Times one request; build the app before, so its start-up is not counted. */
async function timed(
  send: () => Promise<request.Response>,
): Promise<{ res: request.Response; ms: number }> {
  const started = performance.now();
  const res = await send();
  return { res, ms: performance.now() - started };
}

function expectUnavailable(res: request.Response): void {
  expect(res.status).toBe(503);
  expect(res.headers['content-type']).toMatch(PROBLEM_JSON);
  expect(res.headers['retry-after']).toBe('1');
  expect(res.body).toMatchObject({
    type: 'urn:errand:problem:queue.unavailable',
    status: 503,
    code: 'queue.unavailable',
  });
}

describe('the API app', () => {
  describe('when Redis is up', () => {
    const fixture = useQueueFixture();

    const app = () =>
      createApp({ queues: fixture.queues, logger: createSilentLogger() });

    it('answers an unknown route with a 404 request.routeNotFound problem', async () => {
      const res = await request(app()).get('/no/such/route');

      expect(res.status).toBe(404);
      expect(res.headers['content-type']).toMatch(PROBLEM_JSON);
      expect(res.body).toEqual({
        type: 'urn:errand:problem:request.routeNotFound',
        title: 'No such route',
        status: 404,
        detail: 'No route GET /no/such/route.',
        code: 'request.routeNotFound',
      });
    });

    it('answers a known path with the wrong method as an unknown route', async () => {
      const res = await request(app()).delete('/enqueue');

      expect(res.status).toBe(404);
      expect(res.body.code).toBe('request.routeNotFound');
    });

    it('does not say it runs on Express', async () => {
      const ok = await request(app()).get('/healthz');
      const problem = await request(app()).get('/no/such/route');

      expect(ok.headers['x-powered-by']).toBeUndefined();
      expect(problem.headers['x-powered-by']).toBeUndefined();
    });
  });

  describe('when Redis is unreachable', () => {
    let queues: JobStore;

    beforeEach(async () => {
      // Nothing listens on a port the kernel just handed out and took back.
      const port = await findFreePort();
      queues = new JobStore({
        redisUrl: `redis://127.0.0.1:${port}`,
        prefix: testPrefix(),
      });
    });

    afterEach(async () => {
      await queues?.close();
    });

    const app = () => createApp({ queues, logger: createSilentLogger() });

    it('answers POST /enqueue with 503 queue.unavailable within 1 s', async () => {
      const api = app();
      const { res, ms } = await timed(() =>
        request(api).post('/enqueue').send(welcomeEmail),
      );

      expectUnavailable(res);
      expect(ms).toBeLessThan(UNAVAILABLE_WITHIN_MS);
    });

    it('answers GET /jobs/:id with 503 queue.unavailable within 1 s', async () => {
      const api = app();
      const { res, ms } = await timed(() =>
        request(api).get(`/jobs/${randomUUID()}`),
      );

      expectUnavailable(res);
      expect(ms).toBeLessThan(UNAVAILABLE_WITHIN_MS);
    });

    it('answers GET /readyz with 503 queue.unavailable within 1 s', async () => {
      const api = app();
      const { res, ms } = await timed(() => request(api).get('/readyz'));

      expectUnavailable(res);
      expect(ms).toBeLessThan(UNAVAILABLE_WITHIN_MS);
    });

    it('keeps answering 503 within 1 s while Redis stays away', async () => {
      await request(app()).get('/readyz');

      const api = app();
      const { res, ms } = await timed(() =>
        request(api).post('/enqueue').send(welcomeEmail),
      );

      expectUnavailable(res);
      expect(ms).toBeLessThan(UNAVAILABLE_WITHIN_MS);
    });

    it('still answers GET /healthz with 200, since the process is up', async () => {
      const res = await request(app()).get('/healthz');

      expect(res.status).toBe(200);
    });

    it('still checks the contract first, answering 400 for a bad request', async () => {
      const res = await request(app())
        .post('/enqueue')
        .send({ type: 'no.such.type', payload: {} });

      expect(res.status).toBe(400);
      expect(res.body.code).toBe('contract.unknownJobType');
    });
  });

  describe('when Redis comes up after the app started', () => {
    let redis: RedisServer | undefined;
    let queues: JobStore;
    let port: number;

    beforeEach(async () => {
      port = await findFreePort();
      queues = new JobStore({
        redisUrl: `redis://127.0.0.1:${port}`,
        prefix: testPrefix(),
      });
    });

    afterEach(async () => {
      await queues?.close();
      await redis?.stop();
      redis = undefined;
    });

    it('accepts jobs again without a restart', async () => {
      const app = createApp({ queues, logger: createSilentLogger() });
      expectUnavailable(await request(app).post('/enqueue').send(welcomeEmail));

      redis = await startRedisServer({ port });
      const deadline = Date.now() + 5_000;
      while ((await request(app).get('/readyz')).status !== 200) {
        if (Date.now() > deadline) throw new Error('Never became ready');
        await sleep(100);
      }
      const accepted = await request(app).post('/enqueue').send(welcomeEmail);
      const view = await request(app).get(`/jobs/${accepted.body.id}`);

      expect(accepted.status).toBe(202);
      expect(view.status).toBe(200);
      expect(view.body.status).toBe('queued');
    });
  });

  describe('when Redis goes away after the app connected', () => {
    let redis: RedisServer;
    let queues: JobStore;

    beforeEach(async () => {
      redis = await startRedisServer();
      queues = new JobStore({ redisUrl: redis.url, prefix: testPrefix() });
    });

    afterEach(async () => {
      await queues?.close();
      await redis?.stop();
    });

    it('turns GET /readyz from 200 to 503 within 1 s', async () => {
      const app = createApp({ queues, logger: createSilentLogger() });
      expect((await request(app).get('/readyz')).status).toBe(200);

      await redis.stop();
      const { res, ms } = await timed(() => request(app).get('/readyz'));

      expectUnavailable(res);
      expect(ms).toBeLessThan(UNAVAILABLE_WITHIN_MS);
    });
  });
});
