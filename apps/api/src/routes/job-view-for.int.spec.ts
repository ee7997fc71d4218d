import request from 'supertest';
import type { Express } from 'express';
import type { JobView } from '@errand/contracts';
import {
  testHandlers,
  useQueueFixture,
  waitFor,
} from '@errand/queue-core/testing';
import { createSilentLogger } from '@errand/runtime';
import { createApp } from '../app';
import type { ApiKey } from '../auth/api-key';
import { hashApiKey } from '../auth/find-api-key';

const ADMIN = 'errand_admin-key-for-the-job-view-tests-0001';
const PRODUCER = 'errand_shop-key-for-the-job-view-tests-00001';

const keys: ApiKey[] = [
  { name: 'ops', role: 'admin', hash: hashApiKey(ADMIN) },
  { name: 'shop', role: 'producer', hash: hashApiKey(PRODUCER) },
];
const bearer = (key: string) => ({ Authorization: `Bearer ${key}` });

/** The `data` of each `event: status` in an SSE body. */
function statusViews(sse: string): JobView[] {
  return sse
    .split('\n\n')
    .filter(block => block.includes('event: status'))
    .map(block => JSON.parse(block.split('data: ')[1]) as JobView);
}

/** Every string in `value` that names a worker's host:pid or a stack frame. */
function workerInternals(value: unknown): string[] {
  const found: string[] = [];
  JSON.stringify(value, (key, field: unknown) => {
    if ((key === 'stack' || key === 'worker') && field !== null) {
      found.push(`${key}: ${String(field)}`);
    }
    return field;
  });
  return found;
}

describe('what a job view shows to whom', () => {
  const fixture = useQueueFixture();
  let app: Express;
  let id: string;

  beforeEach(async () => {
    app = createApp({
      queues: fixture.queues,
      logger: createSilentLogger(),
      apiKeys: keys,
    });
    const enqueued = await request(app)
      .post('/enqueue')
      .set(bearer(PRODUCER))
      .send({ type: 'system.fail', payload: {}, retries: 0 });
    expect(enqueued.status).toBe(202);
    id = enqueued.body.id as string;
    fixture.startConsumer({
      types: ['system.fail'],
      concurrency: 1,
      handlers: testHandlers({
        'system.fail': async () => {
          throw new Error('broke in the handler');
        },
      }),
    });
    await waitFor(
      async () =>
        (await request(app).get(`/jobs/${id}`).set(bearer(ADMIN))).body,
      (view: JobView) => view.status === 'dead',
      20_000,
    );
  });

  describe('to an admin key', () => {
    it('shows the stack and the worker (host:pid) of each failure', async () => {
      const res = await request(app).get(`/jobs/${id}`).set(bearer(ADMIN));

      expect(res.status).toBe(200);
      expect(res.body.lastError).toEqual({
        message: 'broke in the handler',
        stack: expect.stringContaining('Error: broke in the handler\n    at '),
      });
      expect(res.body.timeline).toContainEqual(
        expect.objectContaining({
          event: 'failed',
          worker: expect.stringMatching(/^.+:\d+$/),
          error: expect.objectContaining({ stack: expect.any(String) }),
        }),
      );
    });
  });

  describe('to a producer key', () => {
    it('shows why it failed but no stack and no worker on GET /jobs/:id', async () => {
      const res = await request(app).get(`/jobs/${id}`).set(bearer(PRODUCER));

      expect(res.status).toBe(200);
      expect(res.body.lastError).toEqual({
        message: 'broke in the handler',
        stack: null,
      });
      expect(res.body.timeline).toContainEqual(
        expect.objectContaining({
          event: 'failed',
          error: { message: 'broke in the handler', stack: null },
        }),
      );
      expect(workerInternals(res.body)).toEqual([]);
    });

    it('shows neither in the events of GET /jobs/:id/events', async () => {
      const res = await request(app)
        .get(`/jobs/${id}/events`)
        .set(bearer(PRODUCER))
        .buffer(true)
        .parse((answer, done) => {
          let text = '';
          answer.on('data', (chunk: Buffer) => (text += chunk.toString()));
          answer.on('end', () => done(null, text));
        });

      expect(res.status).toBe(200);
      const views = statusViews(res.body as string);
      expect(views.length).toBeGreaterThan(0);
      expect(views.map(view => view.lastError)).not.toContain(null);
      expect(workerInternals(views)).toEqual([]);
    });
  });
});
