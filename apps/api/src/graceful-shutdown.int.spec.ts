import { setTimeout as sleep } from 'node:timers/promises';
import { findFreePort } from '@errand/local-redis';
import { JobStore } from '@errand/queue-core';
import { useQueueFixture } from '@errand/queue-core/testing';
import {
  killApp,
  spawnApp,
  waitUntilHealthy,
  type SpawnedApp,
} from '@errand/runtime/testing';

const MAIN = 'apps/api/src/main.ts';

describe('the API on SIGTERM', () => {
  const fixture = useQueueFixture();
  let api: SpawnedApp | undefined;
  let admin: JobStore | undefined;

  afterEach(async () => {
    await killApp(api);
    await admin?.close();
    api = admin = undefined;
  });

  it('finishes a request in flight, then refuses new connections and exits 0', async () => {
    const port = await findFreePort();
    const base = `http://127.0.0.1:${port}`;
    api = spawnApp(MAIN, {
      REDIS_URL: fixture.server.url,
      QUEUE_PREFIX: fixture.prefix,
      LOG_LEVEL: 'warn',
      PORT: String(port),
    });
    await waitUntilHealthy(api, `${base}/healthz`);
    admin = new JobStore({ redisUrl: fixture.server.url });
    const redis = admin;
    await redis.ping();

    // Redis holds writes for 600 ms: the enqueue below is still waiting
    // on Redis when the signal comes.
    await redis.runWithDeadline(() =>
      redis.connection.call('CLIENT', 'PAUSE', '600', 'WRITE'),
    );
    const inFlight = fetch(`${base}/enqueue`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ type: 'system.noop', payload: {} }),
    });
    await sleep(200);
    api.child.kill('SIGTERM');

    const res = await inFlight;
    expect(res.status).toBe(202);
    expect(((await res.json()) as { status: string }).status).toBe('queued');
    expect(await api.exited).toEqual({ code: 0, signal: null });
    await expect(fetch(`${base}/healthz`)).rejects.toThrow();
  });
});
