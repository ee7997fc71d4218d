import request from 'supertest';
import type { JobStore } from '@errand/queue-core';
import { useCallbackStore, useQueueFixture } from '@errand/queue-core/testing';
import { createSilentLogger } from '@errand/runtime';
import { createApp } from '../app';

const callback = { url: 'https://receiver.example.com/hooks/errand' };

describe('a callback on POST /enqueue', () => {
  const fixture = useQueueFixture();
  const store = useCallbackStore(fixture);
  const app = (queues: JobStore = store()) =>
    createApp({ queues, logger: createSilentLogger() });

  describe('when the guard would refuse its URL', () => {
    it('answers 400 naming /callback/url', async () => {
      const res = await request(app())
        .post('/enqueue')
        .send({
          type: 'system.noop',
          payload: {},
          callback: { url: 'http://169.254.169.254/latest/meta-data/' },
        });

      expect(res.status).toBe(400);
      expect(res.body.errors).toEqual([
        expect.objectContaining({ path: '/callback/url' }),
      ]);
    });

    it('names the batch item: /jobs/1/callback/url', async () => {
      const res = await request(app())
        .post('/enqueue/batch')
        .send({
          jobs: [
            { type: 'system.noop', payload: {}, callback },
            {
              type: 'system.noop',
              payload: {},
              callback: { url: 'http://10.0.0.1/cb' },
            },
          ],
        });

      expect(res.status).toBe(400);
      expect(res.body.errors).toEqual([
        expect.objectContaining({ path: '/jobs/1/callback/url' }),
      ]);
    });
  });

  describe('when the API has no CALLBACK_SIGNING_SECRET', () => {
    it('answers 400 naming /callback', async () => {
      const res = await request(app(fixture.queues))
        .post('/enqueue')
        .send({ type: 'system.noop', payload: {}, callback });

      expect(res.status).toBe(400);
      expect(res.body.errors).toEqual([
        expect.objectContaining({ path: '/callback' }),
      ]);
    });
  });

  describe('on POST /flows without CALLBACK_SIGNING_SECRET', () => {
    it('answers 400 naming the node', async () => {
      const res = await request(app(fixture.queues))
        .post('/flows')
        .send({
          type: 'system.noop',
          payload: {},
          children: [{ type: 'system.noop', payload: {}, callback }],
        });

      expect(res.status).toBe(400);
      expect(res.body.errors).toEqual([
        expect.objectContaining({ path: '/children/0/callback' }),
      ]);
    });
  });

  describe('when it is accepted', () => {
    it('shows the callback in the job view, and its delivery once cancelled', async () => {
      const accepted = await request(app())
        .post('/enqueue')
        .send({ type: 'system.noop', payload: {}, callback });
      expect(accepted.status).toBe(202);
      const { id } = accepted.body;

      const before = await request(app()).get(`/jobs/${id}`);
      expect(before.body.callback).toEqual({
        url: callback.url,
        deliveryJobId: expect.any(String),
        deliveryStatus: 'none',
      });

      const cancelled = await request(app()).delete(`/jobs/${id}`);
      expect(cancelled.status).toBe(200);
      const after = await request(app()).get(`/jobs/${id}`);
      expect(after.body.callback).toEqual({
        ...before.body.callback,
        deliveryStatus: 'queued',
      });
      const delivery = await request(app()).get(
        `/jobs/${before.body.callback.deliveryJobId}`,
      );
      expect(delivery.body).toMatchObject({
        type: 'webhook.deliver',
        status: 'queued',
        payload: {
          url: callback.url,
          secret: '[redacted]',
          body: { event: 'job.ended', jobId: id, status: 'cancelled' },
        },
      });
    });
  });
});
