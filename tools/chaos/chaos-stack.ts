import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import {
  findFreePort,
  startProcess,
  startRedisServer,
  type BenchProcess,
  type RedisServer,
} from '@errand/local-redis';
import type { Interruption } from './chaos-types';

/** What the stack runs and how. */
export interface ChaosStackOptions {
  /** Folder for Redis's AOF and the ledgers; the caller removes it. */
  dir: string;
  /** Worker processes. */
  workers: number;
  /** `WORKER_CONCURRENCY` of each. */
  concurrency: number;
  /** `aof` as production runs it; `none` only for the checker self-test. */
  persistence: 'aof' | 'none';
  /**
   * `bundles` runs `dist/apps/<app>/main.js` (`npm run build` first), as
   * deployed; `sources` runs `apps/<app>/src/main.ts` under tsx, so a test
   * never runs a stale build.
   */
  apps: 'bundles' | 'sources';
  /** `WORKER_LOCK_DURATION_MS` and `WORKER_STALLED_INTERVAL_MS`. */
  lockMs: number;
  /** `WORKER_MAX_STALLED_COUNT`. @defaultValue 1 */
  maxStalledCount?: number;
  /** Starts the workers with `ERRAND_CHAOS=1` (poison jobs). */
  chaos?: boolean;
}

/** One worker slot: its process changes on every restart. */
interface WorkerSlot {
  process: BenchProcess;
  metricsPort: number;
  /** The pids this slot has had, oldest first. */
  pids: number[];
}

/** The running system under test, and the faults it can suffer. */
export interface ChaosStack {
  apiUrl: string;
  apiPort: number;
  ledgerDir: string;
  workers: WorkerSlot[];
  redis(): RedisServer;
  /** Every fault injected so far. */
  interruptions: Interruption[];
  killWorker(index: number): Promise<void>;
  /** SIGTERM: a graceful stop; resolves once the process exited. */
  terminateWorker(index: number): Promise<void>;
  /** Starts a new process in the slot and waits until it is healthy. */
  restartWorker(index: number): Promise<void>;
  /** SIGKILLs Redis; resolves once it is dead. */
  killRedis(): Promise<Interruption>;
  /** Starts Redis again on the same port and data folder. */
  restartRedis(): Promise<void>;
  /** SIGSTOPs Redis for `ms` (as `DEBUG SLEEP` would), then SIGCONTs it. */
  freezeRedis(ms: number): Promise<Interruption>;
  stop(): Promise<void>;
}

/**
 * Preloaded into the API and the workers: it registers `system.ledger`
 * through the contracts' job type extension point (see the file).
 */
const LEDGER_EXTENSION = [
  '--import',
  'tsx',
  '--import',
  join(__dirname, 'ledger', 'ledger-extension.ts'),
];

const MAIN = {
  bundles: { api: 'dist/apps/api/main.js', worker: 'dist/apps/worker/main.js' },
  sources: { api: 'apps/api/src/main.ts', worker: 'apps/worker/src/main.ts' },
} as const;

/** Waits for a process to exit, if it has not already. */
function exitOf(process: BenchProcess): Promise<void> {
  const { child } = process;
  if (child.exitCode !== null || child.signalCode !== null) {
    return Promise.resolve();
  }
  return new Promise(resolve => child.once('exit', () => resolve()));
}

/**
 * Starts Redis (AOF with `appendfsync everysec` and `noeviction`, or no
 * persistence), the API in open mode with rate limiting off, and the
 * workers, each serving `system.ledger` with its ledger in `<dir>/ledger`.
 */
export async function startChaosStack(
  options: ChaosStackOptions,
): Promise<ChaosStack> {
  const redisDir = join(options.dir, 'redis');
  const ledgerDir = join(options.dir, 'ledger');
  mkdirSync(redisDir, { recursive: true });
  mkdirSync(ledgerDir, { recursive: true });
  const startRedis = (port?: number) =>
    startRedisServer({ port, dir: redisDir, persistence: options.persistence });
  let redis = await startRedis();
  const common = {
    REDIS_URL: redis.url,
    LOG_LEVEL: 'warn',
    LOG_FORMAT: 'json',
  };
  const apiPort = await findFreePort();
  const api = await startProcess('api', {
    main: MAIN[options.apps].api,
    env: {
      ...common,
      PORT: String(apiPort),
      RATE_LIMIT_PER_MINUTE: '0',
      ALLOW_NO_API_KEYS: 'true',
    },
    nodeFlags: LEDGER_EXTENSION,
    readyUrl: `http://127.0.0.1:${apiPort}/healthz`,
  }).catch(async (error: unknown) => {
    // Else the Redis child keeps the test runner alive after the failure.
    await redis.stop();
    throw error;
  });
  const interruptions: Interruption[] = [];

  const startWorker = async (metricsPort: number) =>
    startProcess('worker', {
      main: MAIN[options.apps].worker,
      env: {
        ...common,
        METRICS_PORT: String(metricsPort),
        WORKER_TYPES: 'system.ledger',
        WORKER_CONCURRENCY: String(options.concurrency),
        WORKER_LOCK_DURATION_MS: String(options.lockMs),
        WORKER_STALLED_INTERVAL_MS: String(options.lockMs),
        WORKER_MAX_STALLED_COUNT: String(options.maxStalledCount ?? 1),
        LEDGER_DIR: ledgerDir,
        SHUTDOWN_GRACE_MS: '30000',
        ...(options.chaos && { ERRAND_CHAOS: 'true' }),
      },
      nodeFlags: LEDGER_EXTENSION,
      readyUrl: `http://127.0.0.1:${metricsPort}/healthz`,
    });
  const workers: WorkerSlot[] = [];
  const stop = async () => {
    await Promise.all(workers.map(w => w.process.stop(2_000)));
    await api.stop(2_000);
    await redis.stop();
  };
  try {
    for (let i = 0; i < options.workers; i++) {
      const metricsPort = await findFreePort();
      const process = await startWorker(metricsPort);
      workers.push({ process, metricsPort, pids: [process.child.pid ?? 0] });
    }
  } catch (error) {
    await stop();
    throw error;
  }

  const slot = (index: number) => {
    const found = workers[index];
    if (!found) throw new Error(`No worker ${index}`);
    return found;
  };
  return {
    apiUrl: `http://127.0.0.1:${apiPort}`,
    apiPort,
    ledgerDir,
    workers,
    redis: () => redis,
    interruptions,
    async killWorker(index) {
      const { process } = slot(index);
      interruptions.push({
        kind: 'worker-kill',
        at: Date.now(),
        pid: process.child.pid,
      });
      process.child.kill('SIGKILL');
      await exitOf(process);
    },
    async terminateWorker(index) {
      const { process } = slot(index);
      interruptions.push({
        kind: 'worker-term',
        at: Date.now(),
        pid: process.child.pid,
      });
      process.child.kill('SIGTERM');
      await exitOf(process);
    },
    async restartWorker(index) {
      const worker = slot(index);
      worker.process = await startWorker(worker.metricsPort);
      worker.pids.push(worker.process.child.pid ?? 0);
    },
    async killRedis() {
      const fault: Interruption = { kind: 'redis-kill', at: Date.now() };
      interruptions.push(fault);
      const exited = new Promise(r => redis.process.once('exit', r));
      redis.process.kill('SIGKILL');
      await exited;
      return fault;
    },
    async restartRedis() {
      redis = await startRedis(redis.port);
      const fault = interruptions.findLast(i => i.kind === 'redis-kill');
      if (fault) fault.endedAt = Date.now();
    },
    async freezeRedis(ms) {
      const fault: Interruption = { kind: 'redis-freeze', at: Date.now() };
      interruptions.push(fault);
      redis.process.kill('SIGSTOP');
      await new Promise(r => setTimeout(r, ms));
      redis.process.kill('SIGCONT');
      fault.endedAt = Date.now();
      return fault;
    },
    stop,
  };
}
