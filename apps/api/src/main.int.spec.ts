import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import request from 'supertest';
import {
  findFreePort,
  startRedisServer,
  type RedisServer,
} from '@errand/local-redis';

const WORKSPACE_ROOT = resolve(__dirname, '../../..');
const TSX = resolve(WORKSPACE_ROOT, 'node_modules/.bin/tsx');
const MAIN = 'apps/api/src/main.ts';
const READY_WITHIN_MS = 15_000;
const STOPS_WITHIN_MS = 5_000;

interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** The API as the operator runs it, started with `tsx`. */
interface ApiProcess {
  child: ChildProcess;
  exited: Promise<Exit>;
  stderr(): string;
}

function startApi(env: Record<string, string>): ApiProcess {
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

function isRunning(api: ApiProcess): boolean {
  return api.child.exitCode === null && api.child.signalCode === null;
}

async function waitUntilHealthy(api: ApiProcess, port: number): Promise<void> {
  const deadline = Date.now() + READY_WITHIN_MS;
  while (Date.now() < deadline) {
    if (!isRunning(api)) {
      throw new Error(`The API exited before it was healthy:\n${api.stderr()}`);
    }
    const res = await request(`http://127.0.0.1:${port}`)
      .get('/healthz')
      .catch(() => undefined);
    if (res?.status === 200) return;
    await sleep(100);
  }
  throw new Error(`The API was not healthy within ${READY_WITHIN_MS} ms.`);
}

describe('the API process', () => {
  let redis: RedisServer;
  let api: ApiProcess | undefined;

  beforeAll(async () => {
    redis = await startRedisServer();
  });

  afterEach(async () => {
    if (api && isRunning(api) && api.child.pid) {
      process.kill(-api.child.pid, 'SIGKILL');
      await api.exited;
    }
    api = undefined;
  });

  afterAll(async () => {
    await redis?.stop();
  });

  const baseEnv = () => ({
    REDIS_URL: redis.url,
    QUEUE_PREFIX: `test-${randomUUID().slice(0, 8)}`,
    LOG_LEVEL: 'warn',
  });

  it('serves /healthz and exits 0 soon after SIGTERM', async () => {
    const port = await findFreePort();
    api = startApi({ ...baseEnv(), PORT: String(port) });
    await waitUntilHealthy(api, port);

    const signalled = Date.now();
    api.child.kill('SIGTERM');
    const exit = await api.exited;

    expect(exit).toEqual({ code: 0, signal: null });
    expect(Date.now() - signalled).toBeLessThan(STOPS_WITHIN_MS);
  });

  it('accepts a job end to end over real HTTP', async () => {
    const port = await findFreePort();
    api = startApi({ ...baseEnv(), PORT: String(port) });
    await waitUntilHealthy(api, port);

    const res = await request(`http://127.0.0.1:${port}`)
      .post('/enqueue')
      .send({ type: 'system.noop', payload: {} });

    expect(res.status).toBe(202);
    expect(res.body.status).toBe('queued');
  });

  it('exits non-zero naming PORT when PORT is not a number', async () => {
    api = startApi({ ...baseEnv(), PORT: 'abc' });

    const exit = await api.exited;

    expect(exit.code).toBe(1);
    expect(api.stderr()).toMatch(/^\s*PORT: .*\(got "abc"\)/m);
    expect(api.stderr()).toContain('[config.invalid]');
  });
});
