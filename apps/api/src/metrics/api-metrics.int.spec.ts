import { createHash } from 'node:crypto';
import type { Server } from 'node:http';
import request from 'supertest';
import { findFreePort } from '@errand/local-redis';
import { enqueueJob, JobStore } from '@errand/queue-core';
import { useQueueFixture } from '@errand/queue-core/testing';
import { createSilentLogger } from '@errand/runtime';
import {
  describeWithPromtool,
  promtoolProblems,
} from '@errand/runtime/testing';
import { createApp } from '../app';
import { createApiMetrics } from './api-metrics';
import { startMetricsServer } from './metrics-server';

const email = {
  type: 'email.send',
  payload: { to: 'user@example.com', subject: 'Hi' },
};

/** The value of one sample line of `text`, e.g. `errand_queue_jobs{…}`. */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find(l => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.split(' ').pop());
}

describe('GET /metrics on the API', () => {
  const fixture = useQueueFixture();

  const app = (cacheMs = 0) =>
    createApp({
      queues: fixture.queues,
      logger: createSilentLogger(),
      metrics: createApiMetrics(fixture.queues, { cacheMs }),
    });

  describe('after enqueue requests', () => {
    it('counts jobs by type and outcome and times each request', async () => {
      const api = app();
      await request(api).post('/enqueue').send(email).expect(202);
      await request(api).post('/enqueue').send(email).expect(202);
      await request(api)
        .post('/enqueue')
        .send({ ...email, payload: {} })
        .expect(400);
      await request(api)
        .post('/enqueue')
        .send({ type: 'made.up', payload: {} })
        .expect(400);
      await request(api)
        .post('/enqueue/batch')
        .send({ jobs: [email, { type: 'system.noop', payload: {} }] })
        .expect(202);

      const { text } = await request(api).get('/metrics').expect(200);

      const jobs = (labels: string) =>
        sample(text, `errand_enqueue_jobs_total{${labels}}`);
      expect(
        jobs('endpoint="enqueue",type="email.send",outcome="accepted"'),
      ).toBe(2);
      expect(
        jobs('endpoint="enqueue",type="email.send",outcome="rejected"'),
      ).toBe(1);
      expect(jobs('endpoint="enqueue",type="unknown",outcome="rejected"')).toBe(
        1,
      );
      expect(
        jobs('endpoint="batch",type="system.noop",outcome="accepted"'),
      ).toBe(1);
      expect(
        sample(
          text,
          'errand_enqueue_request_duration_seconds_count{endpoint="enqueue",type="email.send",outcome="accepted"}',
        ),
      ).toBe(2);
      expect(
        sample(
          text,
          'errand_enqueue_request_duration_seconds_count{endpoint="batch",type="mixed",outcome="accepted"}',
        ),
      ).toBe(1);
    });
  });

  describe('after compatibility enqueues and aliases', () => {
    it('counts them by route and by catalog type', async () => {
      const api = app();
      const alias = { type: 'send_email', payload: email.payload };
      await request(api).post('/enqueue').send(alias).expect(202);
      await request(api).post('/jobs').send(alias).expect(202);
      await request(api).post('/task').send(alias).expect(202);
      await request(api)
        .post('/tasks')
        .send({ task_type: 'email', payload: email.payload })
        .expect(202);

      const text = (await request(api).get('/metrics')).text;
      const jobs = (labels: string) =>
        sample(text, `errand_enqueue_jobs_total{${labels}}`);
      for (const endpoint of ['enqueue', 'jobs', 'task', 'tasks']) {
        expect(
          jobs(`endpoint="${endpoint}",type="email.send",outcome="accepted"`),
        ).toBe(1);
      }
    });
  });

  describe('when a request is repeated or held back', () => {
    it('counts an idempotent repeat as replayed and a rate-limited one as throttled', async () => {
      const metrics = createApiMetrics(fixture.queues, { cacheMs: 0 });
      const api = createApp({
        queues: fixture.queues,
        logger: createSilentLogger(),
        metrics,
        rateLimitPerMinute: 2,
      });
      const send = () =>
        request(api).post('/enqueue').set('Idempotency-Key', 'k-1').send(email);
      await send().expect(202);
      await send().expect(200);
      await send().expect(429);

      // Read the registry itself: GET /metrics would be rate-limited too.
      const text = await metrics.registry.metrics();
      const jobs = (type: string, outcome: string) =>
        sample(
          text,
          `errand_enqueue_jobs_total{endpoint="enqueue",type="${type}",outcome="${outcome}"}`,
        );
      expect(jobs('email.send', 'accepted')).toBe(1);
      expect(jobs('email.send', 'replayed')).toBe(1);
      // Refused before its body was read: its type is not known.
      expect(jobs('unknown', 'throttled')).toBe(1);
    });
  });

  describe('queue depth', () => {
    it('reads the jobs per type and status, and the dead-letter depth, from Redis', async () => {
      await enqueueJob(fixture.queues, { ...email, type: 'email.send' });
      await enqueueJob(fixture.queues, {
        type: 'system.noop',
        payload: {},
        delay: 60_000,
      });

      const { text } = await request(app()).get('/metrics').expect(200);

      expect(
        sample(text, 'errand_queue_jobs{type="email.send",status="queued"}'),
      ).toBe(1);
      expect(
        sample(text, 'errand_queue_jobs{type="system.noop",status="delayed"}'),
      ).toBe(1);
      expect(sample(text, 'errand_dead_letter_jobs{type="email.send"}')).toBe(
        0,
      );
      expect(sample(text, 'errand_queue_depth_up')).toBe(1);
    });

    it('serves scrapes within the cache period from one read', async () => {
      const api = app(60_000);
      const first = await request(api).get('/metrics');
      await enqueueJob(fixture.queues, { ...email, type: 'email.send' });
      const second = await request(api).get('/metrics');

      const queued = 'errand_queue_jobs{type="email.send",status="queued"}';
      expect(sample(first.text, queued)).toBe(0);
      expect(sample(second.text, queued)).toBe(0);
    });

    describe('when Redis is down', () => {
      it('answers at once, without the depth series, and says so', async () => {
        const gone = new JobStore({
          redisUrl: `redis://127.0.0.1:${await findFreePort()}`,
          prefix: fixture.prefix,
        });
        try {
          const api = createApp({
            queues: gone,
            logger: createSilentLogger(),
          });
          const started = Date.now();

          const res = await request(api).get('/metrics');

          expect(Date.now() - started).toBeLessThan(2_000);
          expect(res.status).toBe(200);
          expect(res.text).not.toContain('errand_queue_jobs{');
          expect(sample(res.text, 'errand_queue_depth_up')).toBe(0);
          expect(res.text).toContain('process_cpu_seconds_total');
        } finally {
          await gone.close();
        }
      });
    });
  });

  describe('when API keys are configured', () => {
    it('answers only an admin key', async () => {
      const key = (name: string, role: 'admin' | 'producer') => ({
        name,
        role,
        hash: createHash('sha256').update(`${name}-secret`).digest(),
      });
      const api = createApp({
        queues: fixture.queues,
        logger: createSilentLogger(),
        apiKeys: [key('ops', 'admin'), key('shop', 'producer')],
      });
      const scrape = (secret?: string) => {
        const req = request(api).get('/metrics');
        return secret ? req.set('Authorization', `Bearer ${secret}`) : req;
      };

      expect((await scrape()).status).toBe(401);
      expect((await scrape('shop-secret')).status).toBe(403);
      expect((await scrape('ops-secret')).status).toBe(200);
    });
  });

  describe('when API_METRICS_PORT serves them instead', () => {
    let server: Server | undefined;

    afterEach(() => {
      server?.closeAllConnections();
      server?.close();
    });

    it('answers them there and not on the API port', async () => {
      const metrics = createApiMetrics(fixture.queues);
      const api = createApp({
        queues: fixture.queues,
        logger: createSilentLogger(),
        metrics,
        serveMetrics: false,
      });
      server = await startMetricsServer(await findFreePort(), metrics.registry);
      await request(api).post('/enqueue').send(email).expect(202);

      const there = await request(server).get('/metrics');
      const here = await request(api).get('/metrics');

      expect(there.status).toBe(200);
      expect(there.text).toContain('errand_enqueue_jobs_total{');
      expect(here.status).toBe(404);
      expect((await request(server).get('/enqueue')).status).toBe(404);
    });
  });

  describeWithPromtool('checked by promtool', () => {
    it('passes promtool check metrics with every series present', async () => {
      const api = app();
      await request(api).post('/enqueue').send(email).expect(202);
      await request(api).post('/enqueue').send({}).expect(400);

      const { text } = await request(api).get('/metrics').expect(200);

      for (const name of [
        'errand_enqueue_jobs_total',
        'errand_enqueue_request_duration_seconds_bucket',
        'errand_queue_jobs',
        'errand_dead_letter_jobs',
        'errand_queue_depth_up',
        'process_resident_memory_bytes',
        'nodejs_eventloop_lag_p99_seconds',
      ]) {
        expect(text).toMatch(new RegExp(`^${name}[{ ]`, 'm'));
      }
      expect(promtoolProblems(text)).toBe('');
    });
  });
});
