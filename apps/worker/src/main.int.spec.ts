import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:net';
import { resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import request from 'supertest';
import { parseEnqueueRequest } from '@errand/contracts';
import {
  findFreePort,
  startRedisServer,
  type RedisServer,
} from '@errand/local-redis';
import { enqueueJob, getJobView, QueueSet } from '@errand/queue-core';

const WORKSPACE_ROOT = resolve(__dirname, '../../..');
const TSX = resolve(WORKSPACE_ROOT, 'node_modules/.bin/tsx');
const MAIN = 'apps/worker/src/main.ts';
const READY_WITHIN_MS = 15_000;
const STOPS_WITHIN_MS = 5_000;

interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** The worker as the operator runs it, started with `tsx`. */
interface WorkerProcess {
  child: ChildProcess;
  exited: Promise<Exit>;
  stderr(): string;
}

function startWorker(env: Record<string, string>): WorkerProcess {
  const child = spawn(TSX, [MAIN], {
    cwd: WORKSPACE_ROOT,
    // Only what the test sets: a developer's own variables must not leak in.
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    // Its own process group, so cleanup can reach tsx's node child too.
    detached: true,
  });
  let stderr = '';
  child.stdout?.resume();
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<Exit>(done =>
    child.once('exit', (code, signal) => done({ code, signal })),
  );
  return { child, exited, stderr: () => stderr };
}

function isRunning(worker: WorkerProcess): boolean {
  return worker.child.exitCode === null && worker.child.signalCode === null;
}

async function waitUntilHealthy(
  worker: WorkerProcess,
  port: number,
): Promise<void> {
  const deadline = Date.now() + READY_WITHIN_MS;
  while (Date.now() < deadline) {
    if (!isRunning(worker)) {
      throw new Error(
        `The worker exited before it was healthy:\n${worker.stderr()}`,
      );
    }
    const res = await request(`http://127.0.0.1:${port}`)
      .get('/healthz')
      .catch(() => undefined);
    if (res?.status === 200) return;
    await sleep(100);
  }
  throw new Error(`The worker was not healthy within ${READY_WITHIN_MS} ms.`);
}

describe('the worker process', () => {
  let redis: RedisServer;
  let worker: WorkerProcess | undefined;
  let prefix: string;

  beforeAll(async () => {
    redis = await startRedisServer();
  });

  beforeEach(() => {
    prefix = `test-${randomUUID().slice(0, 8)}`;
  });

  afterEach(async () => {
    if (worker && isRunning(worker) && worker.child.pid) {
      process.kill(-worker.child.pid, 'SIGKILL');
      await worker.exited;
    }
    worker = undefined;
  });

  afterAll(async () => {
    await redis?.stop();
  });

  const baseEnv = () => ({
    REDIS_URL: redis.url,
    QUEUE_PREFIX: prefix,
    LOG_LEVEL: 'warn',
    SHUTDOWN_GRACE_MS: '1000',
  });

  it('becomes healthy and exits 0 soon after SIGTERM', async () => {
    const port = await findFreePort();
    worker = startWorker({ ...baseEnv(), METRICS_PORT: String(port) });
    await waitUntilHealthy(worker, port);

    const signalled = Date.now();
    worker.child.kill('SIGTERM');
    const exit = await worker.exited;

    expect(exit).toEqual({ code: 0, signal: null });
    expect(Date.now() - signalled).toBeLessThan(STOPS_WITHIN_MS);
  });

  it('still exits soon after SIGTERM while Redis is down', async () => {
    const doomed = await startRedisServer();
    const port = await findFreePort();
    worker = startWorker({
      ...baseEnv(),
      REDIS_URL: doomed.url,
      METRICS_PORT: String(port),
    });
    await waitUntilHealthy(worker, port);
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
    worker = startWorker({
      ...baseEnv(),
      METRICS_PORT: String(port),
      SHUTDOWN_GRACE_MS: '30000',
    });
    await waitUntilHealthy(worker, port);
    const queues = new QueueSet({ redisUrl: redis.url, prefix });
    try {
      const { id } = await enqueueJob(
        queues,
        parseEnqueueRequest({ type: 'system.sleep', payload: { ms: 60_000 } }),
      );
      while ((await getJobView(queues, id)).status !== 'running') {
        await sleep(20);
      }
      worker.child.kill('SIGTERM');
      await sleep(300);
      expect(isRunning(worker)).toBe(true);

      const signalled = Date.now();
      worker.child.kill('SIGTERM');
      const exit = await worker.exited;

      expect(exit).toEqual({ code: 130, signal: null });
      expect(Date.now() - signalled).toBeLessThan(2_000);
    } finally {
      await queues.close();
    }
  });

  it('runs the jobs it finds in its prefix and counts them', async () => {
    const port = await findFreePort();
    worker = startWorker({ ...baseEnv(), METRICS_PORT: String(port) });
    await waitUntilHealthy(worker, port);
    const queues = new QueueSet({ redisUrl: redis.url, prefix });
    try {
      const { id } = await enqueueJob(
        queues,
        parseEnqueueRequest({ type: 'system.noop', payload: {} }),
      );

      const deadline = Date.now() + 2_000;
      let status = (await getJobView(queues, id)).status;
      while (status !== 'succeeded' && Date.now() < deadline) {
        await sleep(20);
        status = (await getJobView(queues, id)).status;
      }

      expect(status).toBe('succeeded');
      const metrics = await request(`http://127.0.0.1:${port}`).get('/metrics');
      expect(metrics.text).toContain(
        'errand_jobs_processed_total{type="system.noop",outcome="succeeded"} 1',
      );
    } finally {
      await queues.close();
    }
  });

  it('exits non-zero naming METRICS_PORT when it is not a number', async () => {
    worker = startWorker({ ...baseEnv(), METRICS_PORT: 'abc' });

    const exit = await worker.exited;

    expect(exit.code).toBe(1);
    expect(worker.stderr()).toMatch(/^\s*METRICS_PORT: .*\(got "abc"\)/m);
    expect(worker.stderr()).toContain('[config.invalid]');
  });

  it('exits non-zero naming WORKER_TYPES when it lists an unknown type', async () => {
    const port = await findFreePort();
    worker = startWorker({
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
      worker = startWorker({ ...baseEnv(), METRICS_PORT: String(port) });

      const exit = await worker.exited;

      expect(exit.code).toBe(1);
      expect(worker.stderr()).toContain('EADDRINUSE');
    });
  });
});
