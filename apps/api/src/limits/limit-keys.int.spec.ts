import { execFileSync } from 'node:child_process';
import request from 'supertest';
import { useQueueFixture, keyPatternOf } from '@errand/queue-core/testing';
import { createSilentLogger } from '@errand/runtime';
import { createApp } from '../app';
import { hashApiKey } from '../auth/find-api-key';

const SHOP = 'errand_shop-key-for-the-limit-keys-test-000001';

/**
 * The API's own keys (the rate limit's and the failed-login limit's
 * buckets) are named by queue-core's keys.ts like every other key: after a
 * counted request and a failed one, every key under the prefix matches a
 * keys.ts pattern, and both limits' shapes are among them.
 */
describe('the API limits write only keys.ts keys', () => {
  const fixture = useQueueFixture();

  it('names its rate-limit and auth-failure buckets through keys.ts', async () => {
    const app = createApp({
      queues: fixture.queues,
      logger: createSilentLogger(),
      apiKeys: [{ name: 'shop', role: 'producer', hash: hashApiKey(SHOP) }],
      rateLimitPerMinute: 100,
      authFailureLimit: { limit: 10, windowMs: 60_000 },
    });
    const enqueue = (key: string) =>
      request(app)
        .post('/enqueue')
        .set('Authorization', `Bearer ${key}`)
        .send({ type: 'system.noop', payload: {} });

    expect((await enqueue(SHOP)).status).toBe(202);
    expect((await enqueue(`${SHOP}-wrong`)).status).toBe(401);

    const { prefix } = fixture;
    const keys = execFileSync(
      'redis-cli',
      ['-p', String(fixture.server.port), '--scan', '--pattern', `${prefix}:*`],
      { encoding: 'utf8' },
    )
      .split('\n')
      .filter(Boolean);
    const unnamed = keys.filter(key => !keyPatternOf(prefix, key));
    expect(unnamed).toEqual([]);
    const shapes = new Set(keys.map(key => keyPatternOf(prefix, key)?.name));
    expect(shapes.has('rate limit')).toBe(true);
    expect(shapes.has('auth failures')).toBe(true);
  });
});
