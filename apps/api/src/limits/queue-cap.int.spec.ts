import request from 'supertest';
import { useQueueFixture } from '@errand/queue-core/testing';
import { createSilentLogger } from '@errand/runtime';
import { createApp } from '../app';

const noop = { type: 'system.noop', payload: {} };

describe('the per-type queue cap', () => {
  const fixture = useQueueFixture();

  const app = () =>
    createApp({
      queues: fixture.queues,
      logger: createSilentLogger(),
      admission: {
        defaultCap: 2,
        caps: { 'system.sleep': 10 },
        cacheMs: 0,
      },
    });

  describe('when the type holds its cap of waiting jobs', () => {
    it('answers POST /enqueue with 429 queue.full and Retry-After', async () => {
      await request(app()).post('/enqueue').send(noop).expect(202);
      await request(app()).post('/enqueue').send(noop).expect(202);

      const res = await request(app()).post('/enqueue').send(noop);

      expect(res.status).toBe(429);
      expect(res.headers['retry-after']).toBe('5');
      expect(res.body).toMatchObject({
        code: 'queue.full',
        detail: expect.stringContaining('system.noop queue holds its cap of 2'),
      });
    });

    it('answers a batch that would go over with 429, storing nothing', async () => {
      await request(app()).post('/enqueue').send(noop).expect(202);

      const res = await request(app())
        .post('/enqueue/batch')
        .send({ jobs: [noop, noop] });
      const stats = await request(app()).get('/stats');

      expect(res.status).toBe(429);
      expect(res.body.code).toBe('queue.full');
      const counts = stats.body.types.find(
        (t: { type: string }) => t.type === 'system.noop',
      ).counts;
      expect(counts.queued).toBe(1);
    });

    it('answers a flow whose children would go over with 429, storing nothing', async () => {
      const res = await request(app())
        .post('/flows')
        .send({
          type: 'system.sleep',
          payload: { ms: 1 },
          children: [noop, noop, noop],
        });
      const stats = await request(app()).get('/stats');

      expect(res.status).toBe(429);
      expect(res.body).toMatchObject({
        code: 'queue.full',
        detail: expect.stringContaining('system.noop queue holds its cap of 2'),
      });
      for (const type of stats.body.types) {
        expect(type.counts.queued ?? 0).toBe(0);
        expect(type.counts.waiting ?? 0).toBe(0);
      }
    });

    it('still takes other types under their own caps', async () => {
      await request(app()).post('/enqueue').send(noop).expect(202);
      await request(app()).post('/enqueue').send(noop).expect(202);

      for (let i = 0; i < 3; i++) {
        await request(app())
          .post('/enqueue')
          .send({ type: 'system.sleep', payload: { ms: 1 } })
          .expect(202);
      }
    });
  });

  describe('when idempotency records outlive their jobs', () => {
    it('counts them towards the cap until their window ends', async () => {
      for (const key of ['order-1', 'order-2']) {
        const res = await request(app())
          .post('/enqueue')
          .set('Idempotency-Key', key)
          .send(noop)
          .expect(202);
        // Run and removed: only the idempotency record stays behind.
        await fixture.queues.queueFor('system.noop').remove(res.body.id);
      }

      const res = await request(app())
        .post('/enqueue')
        .set('Idempotency-Key', 'order-3')
        .send(noop);

      expect(res.status).toBe(429);
      expect(res.body.code).toBe('queue.full');
    });
  });
});
