import request from 'supertest';
import { useQueueFixture } from '@errand/queue-core/testing';
import { createSilentLogger } from '@errand/runtime';
import { createApp } from '../app';

describe('security headers', () => {
  const fixture = useQueueFixture();
  const app = () =>
    createApp({ queues: fixture.queues, logger: createSilentLogger() });

  it('sends helmet headers and no X-Powered-By on API answers', async () => {
    const res = await request(app())
      .post('/enqueue')
      .send({ type: 'system.noop', payload: {} });

    expect(res.status).toBe(202);
    expect(res.headers).toMatchObject({
      'x-content-type-options': 'nosniff',
      'x-frame-options': 'SAMEORIGIN',
      'referrer-policy': 'no-referrer',
      'strict-transport-security': expect.stringContaining('max-age='),
      'cross-origin-opener-policy': 'same-origin',
      'content-security-policy': "default-src 'none';frame-ancestors 'none'",
    });
    expect(res.headers['x-powered-by']).toBeUndefined();
  });

  it('sends them on errors too', async () => {
    const res = await request(app()).get('/nowhere');

    expect(res.status).toBe(404);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });

  it.each(['/docs', '/redoc'])(
    'gives %s a CSP of its own, which lets it run its scripts from the API',
    async path => {
      const res = await request(app()).get(path);

      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['content-security-policy']).toContain(
        "script-src 'self';",
      );
    },
  );
});
