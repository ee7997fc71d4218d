import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findFreePort, startRedisServer } from '@errand/local-redis';
import { listSchedules } from '@errand/queue-core';
import { useQueueFixture, waitFor } from '@errand/queue-core/testing';
import {
  killApp,
  spawnApp,
  waitUntilHealthy,
  type SpawnedApp,
} from '@errand/runtime/testing';

const MAIN = 'apps/worker/src/main.ts';
const healthz = (port: number) => `http://127.0.0.1:${port}/healthz`;

interface LogLine {
  level: string;
  message: string;
  schedule?: string;
  type?: string;
}

// The worker reconciles the real schedules file (libs/contracts/src/
// schedules/schedules.ts), whose heartbeat first runs 5 minutes after it is
// created: no job of it runs during these tests.
describe('the worker and the schedules file', () => {
  const fixture = useQueueFixture();
  let worker: SpawnedApp | undefined;
  let dir: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'errand-schedules-'));
  });
  afterEach(async () => {
    await killApp(worker);
    worker = undefined;
    rmSync(dir, { recursive: true, force: true });
  });

  let metricsPort: number;

  async function start(name: string, env: Record<string, string> = {}) {
    // Nothing listens on a Redis port chosen beforehand yet, so the metrics
    // port could come back equal to it.
    do metricsPort = await findFreePort();
    while (env.REDIS_URL?.endsWith(`:${metricsPort}`));
    const logFile = join(dir, `${name}.log`);
    worker = spawnApp(MAIN, {
      REDIS_URL: fixture.server.url,
      QUEUE_PREFIX: fixture.prefix,
      METRICS_PORT: String(metricsPort),
      LOG_LEVEL: 'info',
      SHUTDOWN_GRACE_MS: '1000',
      LOG_FILE: logFile,
      ...env,
    });
    const logs = (): LogLine[] =>
      existsSync(logFile)
        ? readFileSync(logFile, 'utf8')
            .split('\n')
            .filter(Boolean)
            .map(line => JSON.parse(line) as LogLine)
        : [];
    return { logs };
  }

  const heartbeat = () =>
    listSchedules(fixture.queues).then(list =>
      list.find(s => s.name === 'system.heartbeat'),
    );

  it('creates the schedules at start, with a log line for each', async () => {
    const { logs } = await start('first');

    const created = await waitFor(
      async () => logs().filter(l => l.message === 'schedule created'),
      lines => lines.length > 0,
      30_000,
    );

    expect(created).toEqual([
      expect.objectContaining({
        level: 'info',
        schedule: 'system.heartbeat',
        type: 'system.noop',
      }),
    ]);
    expect(await heartbeat()).toMatchObject({ every: 300_000 });
  });

  it('leaves them, and their next run time, as they are on a restart', async () => {
    const first = await start('first');
    await waitFor(
      async () => first.logs().some(l => l.message === 'schedule created'),
      Boolean,
      30_000,
    );
    const before = await heartbeat();
    await killApp(worker);

    const second = await start('second', { LOG_LEVEL: 'debug' });
    await waitFor(
      async () => second.logs().some(l => l.message === 'schedule unchanged'),
      Boolean,
      30_000,
    );

    expect(second.logs().map(l => l.message)).not.toContain('schedule created');
    expect(await heartbeat()).toEqual(before);
  });

  it('keeps running while Redis is down, and reconciles once it is back', async () => {
    const port = await findFreePort();
    const { logs } = await start('outage', {
      REDIS_URL: `redis://127.0.0.1:${port}`,
    });
    await waitFor(
      async () =>
        logs().some(l => l.message === 'schedules not reconciled; retrying'),
      Boolean,
      30_000,
    );
    expect(worker?.isRunning()).toBe(true);

    const late = await startRedisServer({ port });
    try {
      await waitUntilHealthy(worker as SpawnedApp, healthz(metricsPort));
      await waitFor(
        async () => logs().some(l => l.message === 'schedule created'),
        Boolean,
        30_000,
      );
    } finally {
      await killApp(worker);
      await late.stop();
    }
  });
});
