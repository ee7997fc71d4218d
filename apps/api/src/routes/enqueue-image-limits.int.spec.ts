import request from 'supertest';
import { countJobs } from '@errand/queue-core';
import { useQueueFixture } from '@errand/queue-core/testing';
import { createSilentLogger } from '@errand/runtime';
import { createApp } from '../app';

/** The payload of the audit: a 110-byte PNG blown up to 64 Mpx of AVIF. */
const attack = {
  type: 'image.resize',
  payload: {
    base64:
      'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
    width: 8_000,
    height: 8_000,
    fit: 'fill',
    format: 'avif',
  },
};

describe('POST /enqueue of an image.resize over the output cap', () => {
  const fixture = useQueueFixture();
  const app = () =>
    createApp({ queues: fixture.queues, logger: createSilentLogger() });

  it('answers 400 naming width and height, and stores nothing', async () => {
    const res = await request(app()).post('/enqueue').send(attack);

    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({
      code: 'contract.invalidPayload',
      errors: [
        {
          path: '/payload/width',
          message: expect.stringMatching(/at most 8294400/),
        },
        { path: '/payload/height', message: expect.any(String) },
      ],
    });
    const stats = await countJobs(fixture.queues);
    expect(stats.find(s => s.type === 'image.resize')?.counts.queued).toBe(0);
  });

  it('answers 400 for the same in a batch, at the job that is over', async () => {
    const small = { ...attack, payload: { ...attack.payload, width: 10 } };

    const res = await request(app())
      .post('/enqueue/batch')
      .send({ jobs: [small, attack] });

    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: { path: string }) => e.path)).toEqual([
      '/jobs/1/payload/width',
      '/jobs/1/payload/height',
    ]);
  });
});
