import { completed, jobTypes } from '@errand/contracts';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import request from 'supertest';
import { getJobView } from '@errand/queue-core';
import {
  testHandlers,
  useQueueFixture,
  waitFor,
} from '@errand/queue-core/testing';
import { createSilentLogger } from '@errand/runtime';
import { createApp } from '../app';

describe('DELETE /jobs/:id', () => {
  const fixture = useQueueFixture();
  const app = () =>
    createApp({ queues: fixture.queues, logger: createSilentLogger() });

  async function enqueue(body: object): Promise<string> {
    const res = await request(app()).post('/enqueue').send(body);
    expect(res.status).toBe(202);
    return res.body.id;
  }

  describe('when the job is queued', () => {
    it('answers 200 with the job cancelled, and GET shows it so', async () => {
      const id = await enqueue({ type: 'system.noop', payload: {} });

      const res = await request(app()).delete(`/jobs/${id}`);

      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ id, status: 'cancelled' });
      const read = await request(app()).get(`/jobs/${id}`);
      expect(read.body.status).toBe('cancelled');
      expect(read.body.timeline.at(-1)).toMatchObject({
        event: 'cancelled',
        by: 'api',
      });
    });
  });

  describe('when a system.sleep job is running', () => {
    it('answers 202, and the job ends cancelled within a second', async () => {
      fixture.startConsumer({
        types: jobTypes,
        concurrency: 1,
        handlers: testHandlers({
          'system.sleep': async ({ ms }, { signal }) => {
            await sleep(ms, undefined, { signal });
            return completed({ sleptMs: ms });
          },
        }),
      });
      const id = await enqueue({
        type: 'system.sleep',
        payload: { ms: 60_000 },
      });
      await waitFor(
        () => getJobView(fixture.queues, id),
        view => view.status === 'running',
      );
      // Built first: the second is the cancel's, not the app's start-up.
      const api = app();
      const asked = Date.now();

      const res = await request(api).delete(`/jobs/${id}`);
      await waitFor(
        () => getJobView(fixture.queues, id),
        view => view.status === 'cancelled',
        1_000,
      );

      expect(res.status).toBe(202);
      expect(res.body).toMatchObject({ id, status: 'running' });
      expect(Date.now() - asked).toBeLessThan(1_000);
    });
  });

  describe('when the job has finished', () => {
    it('answers 409 job.finished', async () => {
      fixture.startConsumer({
        types: jobTypes,
        concurrency: 1,
        handlers: testHandlers(),
      });
      const id = await enqueue({ type: 'system.noop', payload: {} });
      await waitFor(
        () => getJobView(fixture.queues, id),
        view => view.status === 'succeeded',
      );

      const res = await request(app()).delete(`/jobs/${id}`);

      expect(res.status).toBe(409);
      expect(res.body.code).toBe('job.finished');
      expect(res.body.detail).toContain('succeeded');
    });
  });

  describe('when no job has the id', () => {
    it('answers 404 job.notFound', async () => {
      const res = await request(app()).delete(`/jobs/${randomUUID()}`);

      expect(res.status).toBe(404);
      expect(res.body.code).toBe('job.notFound');
    });
  });
});
