import request from 'supertest';
import { countJobs, JobStore } from '@errand/queue-core';
import { useQueueFixture } from '@errand/queue-core/testing';
import { createSilentLogger } from '@errand/runtime';
import { createApp } from '../app';

const PROBLEM_JSON = /^application\/problem\+json/;
const noop = { type: 'system.noop', payload: {} };

describe('POST /enqueue with an Idempotency-Key', () => {
  const fixture = useQueueFixture();

  const app = () =>
    createApp({ queues: fixture.queues, logger: createSilentLogger() });
  const post = (key: string, body: object = noop) =>
    request(app()).post('/enqueue').set('Idempotency-Key', key).send(body);
  const storedNoops = async () =>
    (await countJobs(fixture.queues)).find(s => s.type === 'system.noop')
      ?.counts.queued;

  describe('when the key is used for the first time', () => {
    it('answers 202 as without a key', async () => {
      const res = await post('order-1');

      expect(res.status).toBe(202);
      expect(res.headers['idempotent-replayed']).toBeUndefined();
      expect(res.headers.location).toBe(`/jobs/${res.body.id}`);
    });
  });

  describe('when the same request is repeated', () => {
    it('answers 200 with the first job and stores no other', async () => {
      const first = await post('order-1');

      const repeat = await post('order-1');

      expect(repeat.status).toBe(200);
      expect(repeat.body).toEqual(first.body);
      expect(repeat.headers.location).toBe(`/jobs/${first.body.id}`);
      expect(repeat.headers['idempotent-replayed']).toBe('true');
      expect(await storedNoops()).toBe(1);
    });

    it('creates exactly one job for 20 parallel requests', async () => {
      await fixture.queues.ping();

      const answers = await Promise.all(
        Array.from({ length: 20 }, () => post('order-parallel')),
      );

      expect(answers.map(a => a.status).sort()).toEqual([
        200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200,
        200, 200, 200, 200, 200, 202,
      ]);
      expect(new Set(answers.map(a => a.body.id)).size).toBe(1);
      expect(await storedNoops()).toBe(1);
    });
  });

  describe('when the key comes back with another body', () => {
    it('answers 409 request.idempotencyConflict naming the first job', async () => {
      const first = await post('order-1');

      const res = await post('order-1', { ...noop, priority: 5 });

      expect(res.status).toBe(409);
      expect(res.headers['content-type']).toMatch(PROBLEM_JSON);
      expect(res.body.code).toBe('request.idempotencyConflict');
      expect(res.body.detail).toContain(first.body.id);
      expect(await storedNoops()).toBe(1);
    });
  });

  describe('when another key is used', () => {
    it('creates another job', async () => {
      const first = await post('order-1');
      const second = await post('order-2');

      expect(second.status).toBe(202);
      expect(second.body.id).not.toBe(first.body.id);
    });
  });

  describe('when the header is invalid', () => {
    it.each([
      ['empty', ''],
      ['longer than 255 characters', 'k'.repeat(256)],
    ])('answers 400 request.invalidParameter for a key %s', async (_, key) => {
      const res = await post(key);

      expect(res.status).toBe(400);
      expect(res.headers['content-type']).toMatch(PROBLEM_JSON);
      expect(res.body).toMatchObject({
        code: 'request.invalidParameter',
        detail: expect.stringContaining('Idempotency-Key'),
        errors: [{ path: '/headers/idempotency-key' }],
      });
      expect(await storedNoops()).toBe(0);
    });
  });

  describe('when two API replicas share the idempotency secret', () => {
    const replicas: JobStore[] = [];
    afterEach(() => Promise.all(replicas.splice(0).map(q => q.close())));
    /** An app with its own connections, as another process would have. */
    const replica = (idempotencySecret: string) => {
      const queues = new JobStore({
        redisUrl: fixture.server.url,
        prefix: fixture.prefix,
      });
      replicas.push(queues);
      return createApp({
        queues,
        logger: createSilentLogger(),
        idempotencySecret,
      });
    };
    const shared = 'the-secret-both-replicas-were-given';

    it('answers a repeat sent to the other replica with the first job', async () => {
      const first = await request(replica(shared))
        .post('/enqueue')
        .set('Idempotency-Key', 'order-1')
        .send(noop);

      const repeat = await request(replica(shared))
        .post('/enqueue')
        .set('Idempotency-Key', 'order-1')
        .send(noop);

      expect(first.status).toBe(202);
      expect(repeat.status).toBe(200);
      expect(repeat.body.id).toBe(first.body.id);
      expect(await storedNoops()).toBe(1);
    });

    it('cannot match a record made under another secret', async () => {
      await request(replica(shared))
        .post('/enqueue')
        .set('Idempotency-Key', 'order-1')
        .send(noop)
        .expect(202);

      const res = await request(replica('a-different-secret-entirely'))
        .post('/enqueue')
        .set('Idempotency-Key', 'order-1')
        .send(noop);

      expect(res.status).toBe(409);
    });
  });
});
