import request from 'supertest';
import { findFreePort } from '@errand/local-redis';
import {
  setRedisConfig,
  useQueueFixture,
  waitFor,
} from '@errand/queue-core/testing';
import {
  killApp,
  spawnApp,
  waitUntilHealthy,
  type SpawnedApp,
} from '@errand/runtime/testing';

const MAIN = 'apps/worker/src/main.ts';

describe('the worker at start-up and in readiness', () => {
  const fixture = useQueueFixture();
  let worker: SpawnedApp | undefined;

  /** CONFIG SET on the test's own server. */
  const redisConfig = (name: string, value: string) =>
    setRedisConfig(fixture.server.url, name, value);

  afterEach(async () => {
    await killApp(worker);
    worker = undefined;
    await redisConfig('maxmemory-policy', 'noeviction');
    await redisConfig('min-replicas-to-write', '0');
  });

  const baseEnv = async () => ({
    REDIS_URL: fixture.server.url,
    QUEUE_PREFIX: fixture.prefix,
    LOG_LEVEL: 'warn',
    SHUTDOWN_GRACE_MS: '500',
    METRICS_PORT: String(await findFreePort()),
  });

  describe('when Redis may evict keys (allkeys-lru)', () => {
    it('refuses to start, saying how to fix it', async () => {
      await redisConfig('maxmemory-policy', 'allkeys-lru');

      worker = spawnApp(MAIN, await baseEnv());
      const exit = await worker.exited;

      expect(exit.code).toBe(1);
      expect(worker.stderr()).toContain('maxmemory-policy "allkeys-lru"');
      expect(worker.stderr()).toContain(
        'CONFIG SET maxmemory-policy noeviction',
      );
      expect(worker.stderr()).toContain('REDIS_SKIP_EVICTION_CHECK=true');
    });
  });

  describe('GET /readyz', () => {
    it('is 200 while consuming, and 503 while Redis refuses writes', async () => {
      const env = await baseEnv();
      const base = `http://127.0.0.1:${env.METRICS_PORT}`;
      worker = spawnApp(MAIN, env);
      await waitUntilHealthy(worker, `${base}/readyz`);
      expect((await request(base).get('/readyz')).body).toEqual({
        status: 'ready',
      });

      await redisConfig('min-replicas-to-write', '1');

      await waitFor(
        async () => (await request(base).get('/readyz')).status,
        status => status === 503,
      );
      // Still alive: an orchestrator stops routing to it, not restarts it.
      expect((await request(base).get('/healthz')).status).toBe(200);

      await redisConfig('min-replicas-to-write', '0');
      await waitFor(
        async () => (await request(base).get('/readyz')).status,
        status => status === 200,
      );
    });
  });
});
