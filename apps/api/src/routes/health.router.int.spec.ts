import request from 'supertest';
import { useQueueFixture } from '@errand/queue-core/testing';
import { createSilentLogger } from '@errand/runtime';
import { createApp } from '../app';

describe('the health endpoints', () => {
  const fixture = useQueueFixture();

  const app = () =>
    createApp({ queues: fixture.queues, logger: createSilentLogger() });

  it('answers GET /healthz with 200 while the process is up', async () => {
    const res = await request(app()).get('/healthz');

    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok' });
  });

  it('answers GET /readyz with 200 while Redis answers', async () => {
    const res = await request(app()).get('/readyz');

    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ready' });
  });
});
