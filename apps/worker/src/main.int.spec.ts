import { createServer, type Server } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import request from 'supertest';
import { parseEnqueueRequest } from '@errand/contracts';
import { findFreePort, startRedisServer } from '@errand/local-redis';
import { enqueueJob, getJobView } from '@errand/queue-core';
import { useQueueFixture } from '@errand/queue-core/testing';
import {
  killApp,
  spawnApp,
  waitUntilHealthy,
  type SpawnedApp,
} from '@errand/runtime/testing';

const MAIN = 'apps/worker/src/main.ts';
const STOPS_WITHIN_MS = 5_000;
const healthz = (port: number) => `http://127.0.0.1:${port}/healthz`;

describe('the worker process', () => {
  const fixture = useQueueFixture();
  let worker: SpawnedApp | undefined;

  afterEach(async () => {
    await killApp(worker);
    worker = undefined;
  });

  const baseEnv = () => ({
    REDIS_URL: fixture.server.url,
    QUEUE_PREFIX: fixture.prefix,
    LOG_LEVEL: 'warn',
    SHUTDOWN_GRACE_MS: '1000',
  });

  it('becomes healthy and exits 0 soon after SIGTERM', async () => {
    const port = await findFreePort();
    worker = spawnApp(MAIN, { ...baseEnv(), METRICS_PORT: String(port) });
    await waitUntilHealthy(worker, healthz(port));

    const signalled = Date.now();
    worker.child.kill('SIGTERM');
    const exit = await worker.exited;

    expect(exit).toEqual({ code: 0, signal: null });
    expect(Date.now() - signalled).toBeLessThan(STOPS_WITHIN_MS);
  });

  it('still exits soon after SIGTERM while Redis is down', async () => {
    const doomed = await startRedisServer();
    const port = await findFreePort();
    worker = spawnApp(MAIN, {
      ...baseEnv(),
      REDIS_URL: doomed.url,
      METRICS_PORT: String(port),
    });
    await waitUntilHealthy(worker, healthz(port));
    await doomed.stop();

    const signalled = Date.now();
    worker.child.kill('SIGTERM');
    const exit = await worker.exited;

    expect(exit).toEqual({ code: 0, signal: null });
    // The grace period (1 s) plus at most 5 s spent handing jobs back.
    expect(Date.now() - signalled).toBeLessThan(1_000 + 5_000 + 1_500);
  });

  it('exits 130 at once on a second SIGTERM, without waiting for the grace period', async () => {
    const port = await findFreePort();
    worker = spawnApp(MAIN, {
      ...baseEnv(),
      METRICS_PORT: String(port),
      SHUTDOWN_GRACE_MS: '30000',
    });
    await waitUntilHealthy(worker, healthz(port));
    const { id } = await enqueueJob(
      fixture.queues,
      parseEnqueueRequest({ type: 'system.sleep', payload: { ms: 60_000 } }),
    );
    while ((await getJobView(fixture.queues, id)).status !== 'running') {
      await sleep(20);
    }
    worker.child.kill('SIGTERM');
    await sleep(300);
    expect(worker.isRunning()).toBe(true);

    const signalled = Date.now();
    worker.child.kill('SIGTERM');
    const exit = await worker.exited;

    expect(exit).toEqual({ code: 130, signal: null });
    expect(Date.now() - signalled).toBeLessThan(2_000);
  });

  it('runs the jobs it finds in its prefix and counts them', async () => {
    const port = await findFreePort();
    worker = spawnApp(MAIN, { ...baseEnv(), METRICS_PORT: String(port) });
    await waitUntilHealthy(worker, healthz(port));
    const { id } = await enqueueJob(
      fixture.queues,
      parseEnqueueRequest({ type: 'system.noop', payload: {} }),
    );

    const deadline = Date.now() + 2_000;
    let status = (await getJobView(fixture.queues, id)).status;
    while (status !== 'succeeded' && Date.now() < deadline) {
      await sleep(20);
      status = (await getJobView(fixture.queues, id)).status;
    }

    expect(status).toBe('succeeded');
    const metrics = await request(`http://127.0.0.1:${port}`).get('/metrics');
    expect(metrics.text).toContain(
      'errand_jobs_processed_total{type="system.noop",outcome="succeeded"} 1',
    );
  });

  it('exits non-zero naming METRICS_PORT when it is not a number', async () => {
    worker = spawnApp(MAIN, { ...baseEnv(), METRICS_PORT: 'abc' });

    const exit = await worker.exited;

    expect(exit.code).toBe(1);
    expect(worker.stderr()).toMatch(/^\s*METRICS_PORT: .*\(got "abc"\)/m);
    expect(worker.stderr()).toContain('[config.invalid]');
  });

  it('exits non-zero naming WORKER_TYPES when it lists an unknown type', async () => {
    const port = await findFreePort();
    worker = spawnApp(MAIN, {
      ...baseEnv(),
      METRICS_PORT: String(port),
      WORKER_TYPES: 'email.send,email.sned',
    });

    const exit = await worker.exited;

    expect(exit.code).toBe(1);
    expect(worker.stderr()).toMatch(/^\s*WORKER_TYPES: .*email\.sned/m);
  });

  describe('when its metrics port is taken', () => {
    let squatter: Server;

    beforeEach(async () => {
      squatter = createServer();
      await new Promise<void>(done => squatter.listen(0, () => done()));
    });

    afterEach(async () => {
      await new Promise(done => squatter.close(done));
    });

    it('exits non-zero instead of running without health checks', async () => {
      const address = squatter.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      worker = spawnApp(MAIN, { ...baseEnv(), METRICS_PORT: String(port) });

      const exit = await worker.exited;

      expect(exit.code).toBe(1);
      expect(worker.stderr()).toContain('EADDRINUSE');
    });
  });
});
