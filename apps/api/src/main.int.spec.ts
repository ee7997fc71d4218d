import request from 'supertest';
import { findFreePort } from '@errand/local-redis';
import { useQueueFixture } from '@errand/queue-core/testing';
import {
  killApp,
  spawnApp,
  waitUntilHealthy,
  type SpawnedApp,
} from '@errand/runtime/testing';

const MAIN = 'apps/api/src/main.ts';
const STOPS_WITHIN_MS = 5_000;
const healthz = (port: number) => `http://127.0.0.1:${port}/healthz`;

describe('the API process', () => {
  const fixture = useQueueFixture();
  let api: SpawnedApp | undefined;

  afterEach(async () => {
    await killApp(api);
    api = undefined;
  });

  const baseEnv = () => ({
    REDIS_URL: fixture.server.url,
    QUEUE_PREFIX: fixture.prefix,
    LOG_LEVEL: 'warn',
  });

  it('serves /healthz and exits 0 soon after SIGTERM', async () => {
    const port = await findFreePort();
    api = spawnApp(MAIN, { ...baseEnv(), PORT: String(port) });
    await waitUntilHealthy(api, healthz(port));

    const signalled = Date.now();
    api.child.kill('SIGTERM');
    const exit = await api.exited;

    expect(exit).toEqual({ code: 0, signal: null });
    expect(Date.now() - signalled).toBeLessThan(STOPS_WITHIN_MS);
  });

  it('accepts a job end to end over real HTTP', async () => {
    const port = await findFreePort();
    api = spawnApp(MAIN, { ...baseEnv(), PORT: String(port) });
    await waitUntilHealthy(api, healthz(port));

    const res = await request(`http://127.0.0.1:${port}`)
      .post('/enqueue')
      .send({ type: 'system.noop', payload: {} });

    expect(res.status).toBe(202);
    expect(res.body.status).toBe('queued');
  });

  it('exits non-zero naming PORT when PORT is not a number', async () => {
    api = spawnApp(MAIN, { ...baseEnv(), PORT: 'abc' });

    const exit = await api.exited;

    expect(exit.code).toBe(1);
    expect(api.stderr()).toMatch(/^\s*PORT: .*\(got "abc"\)/m);
    expect(api.stderr()).toContain('[config.invalid]');
  });
});
