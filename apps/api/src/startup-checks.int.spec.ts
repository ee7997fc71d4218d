import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { findFreePort } from '@errand/local-redis';
import {
  setRedisConfig,
  useQueueFixture,
  waitFor,
} from '@errand/queue-core/testing';
import { createSilentLogger } from '@errand/runtime';
import {
  killApp,
  spawnApp,
  waitUntilHealthy,
  type SpawnedApp,
} from '@errand/runtime/testing';
import { createApp } from './app';

const MAIN = 'apps/api/src/main.ts';

describe('the API at start-up and in readiness', () => {
  const fixture = useQueueFixture();
  let api: SpawnedApp | undefined;

  /** CONFIG SET on the test's own server. */
  const redisConfig = (name: string, value: string) =>
    setRedisConfig(fixture.server.url, name, value);

  afterEach(async () => {
    await killApp(api);
    api = undefined;
    await redisConfig('maxmemory-policy', 'noeviction');
    await redisConfig('min-replicas-to-write', '0');
  });

  const baseEnv = async () => ({
    REDIS_URL: fixture.server.url,
    QUEUE_PREFIX: fixture.prefix,
    LOG_LEVEL: 'warn',
    PORT: String(await findFreePort()),
  });

  describe('when Redis may evict keys (allkeys-lru)', () => {
    it('refuses to start, saying how to fix it', async () => {
      await redisConfig('maxmemory-policy', 'allkeys-lru');

      api = spawnApp(MAIN, await baseEnv());
      const exit = await api.exited;

      expect(exit.code).toBe(1);
      expect(api.stderr()).toContain('maxmemory-policy "allkeys-lru"');
      expect(api.stderr()).toContain('CONFIG SET maxmemory-policy noeviction');
      expect(api.stderr()).toContain('[config.redisEvictionPolicy]');
    });

    it('starts anyway with REDIS_SKIP_EVICTION_CHECK=true', async () => {
      await redisConfig('maxmemory-policy', 'allkeys-lru');
      const env = await baseEnv();

      api = spawnApp(MAIN, { ...env, REDIS_SKIP_EVICTION_CHECK: 'true' });

      await waitUntilHealthy(api, `http://127.0.0.1:${env.PORT}/healthz`);
    });
  });

  describe('when NODE_ENV is production', () => {
    it.each(['production', 'Prod', ''])(
      'refuses to start without API_KEYS at NODE_ENV=%j, naming the variable',
      async NODE_ENV => {
        api = spawnApp(MAIN, { ...(await baseEnv()), NODE_ENV });
        const exit = await api.exited;

        expect(exit.code).toBe(1);
        expect(api.stderr()).toMatch(
          /^\s*API_KEYS: required unless NODE_ENV is development or test/m,
        );
        expect(api.stderr()).toContain('[config.invalid]');
      },
    );

    it('starts open with ALLOW_NO_API_KEYS=true', async () => {
      const env = await baseEnv();
      api = spawnApp(MAIN, {
        ...env,
        NODE_ENV: 'production',
        ALLOW_NO_API_KEYS: 'true',
      });

      await waitUntilHealthy(api, `http://127.0.0.1:${env.PORT}/healthz`);
    });

    it('starts with a key, and the key works', async () => {
      const env = await baseEnv();
      const { execFileSync } = await import('node:child_process');
      const printed = execFileSync(
        process.execPath,
        [
          '--import',
          'tsx',
          'tools/keys/new-api-key.ts',
          '--name',
          'ci',
          '--role',
          'producer',
        ],
        { cwd: `${__dirname}/../../..`, encoding: 'utf8' },
      );
      const [key, entry] =
        printed.match(/^(errand_\S+|ci:producer:\S+)$/gm) ?? [];

      api = spawnApp(MAIN, { ...env, NODE_ENV: 'production', API_KEYS: entry });
      const base = `http://127.0.0.1:${env.PORT}`;
      await waitUntilHealthy(api, `${base}/healthz`);
      const noop = { type: 'system.noop', payload: {} };

      const without = await request(base).post('/enqueue').send(noop);
      const withKey = await request(base)
        .post('/enqueue')
        .set('Authorization', `Bearer ${key}`)
        .send(noop);

      expect(without.status).toBe(401);
      expect(withKey.status).toBe(202);
    });
  });

  describe('without keys outside production', () => {
    it('starts open and warns loudly in its log', async () => {
      const env = await baseEnv();
      const dir = mkdtempSync(join(tmpdir(), 'errand-api-log-'));
      const logFile = join(dir, 'api.log');
      try {
        api = spawnApp(MAIN, { ...env, LOG_FILE: logFile });
        await waitUntilHealthy(api, `http://127.0.0.1:${env.PORT}/healthz`);

        const lines = await waitFor(
          async () =>
            existsSync(logFile) ? readFileSync(logFile, 'utf8') : '',
          text => text.includes('NO API KEYS CONFIGURED'),
        );
        const warning = JSON.parse(
          lines.split('\n').find(line => line.includes('NO API KEYS')) ?? '',
        );
        expect(warning.level).toBe('warn');
        expect(warning.message).toContain('Set API_KEYS');
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });

  describe('GET /readyz', () => {
    const app = () =>
      createApp({ queues: fixture.queues, logger: createSilentLogger() });

    it('is ready while Redis takes writes', async () => {
      await request(app()).get('/readyz').expect(200, { status: 'ready' });
    });

    it('answers 503 while Redis answers but refuses writes', async () => {
      await redisConfig('min-replicas-to-write', '1');

      const res = await request(app()).get('/readyz');
      const live = await request(app()).get('/healthz');

      expect(res.status).toBe(503);
      expect(res.body.code).toBe('queue.unavailable');
      expect(res.body.detail).toContain('refused a write');
      expect(live.status).toBe(200);
    });
  });
});
