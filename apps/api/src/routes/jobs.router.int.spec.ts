import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { useQueueFixture } from '@errand/queue-core/testing';
import { createSilentLogger } from '@errand/runtime';
import { createApp } from '../app';

const PROBLEM_JSON = /^application\/problem\+json/;

describe('the job endpoints', () => {
  const fixture = useQueueFixture();

  const app = () =>
    createApp({ queues: fixture.queues, logger: createSilentLogger() });

  async function enqueueNoop(): Promise<string> {
    const res = await request(app())
      .post('/enqueue')
      .send({ type: 'system.noop', payload: {} });
    expect(res.status).toBe(202);
    return res.body.id;
  }

  describe('GET /jobs/:id', () => {
    it('shows a stored job in full', async () => {
      const id = await enqueueNoop();

      const res = await request(app()).get(`/jobs/${id}`);

      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toMatch(/^application\/json/);
      expect(res.body).toEqual({
        id,
        type: 'system.noop',
        status: 'queued',
        payload: {},
        priority: 0,
        attempts: { made: 0, allowed: 1 },
        result: null,
        lastError: null,
        createdAt: expect.any(String),
        runAt: null,
        startedAt: null,
        finishedAt: null,
        progress: null,
        timeline: [{ at: res.body.createdAt, event: 'created' }],
      });
    });

    it('answers 404 job.notFound for an id nobody enqueued', async () => {
      const id = randomUUID();

      const res = await request(app()).get(`/jobs/${id}`);

      expect(res.status).toBe(404);
      expect(res.headers['content-type']).toMatch(PROBLEM_JSON);
      expect(res.body.code).toBe('job.notFound');
      expect(res.body.detail).toContain(id);
    });

    it('answers 404 job.notFound for an id that is not a UUID', async () => {
      const res = await request(app()).get('/jobs/not-a-uuid');

      expect(res.status).toBe(404);
      expect(res.body.code).toBe('job.notFound');
    });
  });

  describe('POST /jobs/:id/retry', () => {
    it('answers 409 job.notDead for a job that is still queued', async () => {
      const id = await enqueueNoop();

      const res = await request(app()).post(`/jobs/${id}/retry`);

      expect(res.status).toBe(409);
      expect(res.headers['content-type']).toMatch(PROBLEM_JSON);
      expect(res.body).toMatchObject({
        status: 409,
        code: 'job.notDead',
        detail: expect.stringContaining('queued'),
      });
    });

    it('leaves the job it refused as it was', async () => {
      const id = await enqueueNoop();
      await request(app()).post(`/jobs/${id}/retry`);

      const res = await request(app()).get(`/jobs/${id}`);

      expect(res.body).toMatchObject({
        status: 'queued',
        attempts: { made: 0, allowed: 1 },
      });
    });

    it('answers 404 job.notFound for an id nobody enqueued', async () => {
      const res = await request(app()).post(`/jobs/${randomUUID()}/retry`);

      expect(res.status).toBe(404);
      expect(res.body.code).toBe('job.notFound');
    });
  });
});
