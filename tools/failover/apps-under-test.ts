import {
  findFreePort,
  startProcess,
  type BenchProcess,
} from '@errand/local-redis';

/** The API and one worker, as processes, on one Redis URL. */
export interface AppsUnderTest {
  apiUrl: string;
  /** The worker's health route (200 while it consumes). */
  workerHealthUrl: string;
  /** Apps whose process has exited: a crash, which nothing restarts. */
  exited(): ('api' | 'worker')[];
  stop(): Promise<void>;
}

/** How the apps run. */
export interface AppsOptions {
  redisUrl: string;
  /** `REDIS_WAIT_REPLICAS` of the API. @defaultValue unset (0) */
  waitReplicas?: string;
  /** A prefix of its own per run. */
  prefix: string;
  /** @defaultValue 8, as the run */
  concurrency?: number;
}

/**
 * Starts the API (open mode, rate limit high enough never to refuse the
 * load, but still in the path) and a worker serving `system.sleep`, from
 * sources under tsx as `npm start` runs them. Nothing restarts them: a run
 * that needs a restart to finish has failed.
 */
export async function startAppsUnderTest(
  options: AppsOptions,
): Promise<AppsUnderTest> {
  const common = {
    REDIS_URL: options.redisUrl,
    QUEUE_PREFIX: options.prefix,
    LOG_LEVEL: 'warn',
    LOG_FORMAT: 'json',
    // Every acknowledged id is read back: none may age out of the newest
    // 1 000 kept by default, or the check would call it lost.
    RETENTION_SUCCEEDED_COUNT: '1000000',
  };
  const apiPort = await findFreePort();
  const metricsPort = await findFreePort();
  const started: BenchProcess[] = [];
  try {
    started.push(
      await startProcess('api', {
        main: 'apps/api/src/main.ts',
        env: {
          ...common,
          PORT: String(apiPort),
          RATE_LIMIT_PER_MINUTE: '1000000',
          ALLOW_NO_API_KEYS: 'true',
          ...(options.waitReplicas && {
            REDIS_WAIT_REPLICAS: options.waitReplicas,
          }),
        },
        readyUrl: `http://127.0.0.1:${apiPort}/readyz`,
      }),
    );
    started.push(
      await startProcess('worker', {
        main: 'apps/worker/src/main.ts',
        env: {
          ...common,
          METRICS_PORT: String(metricsPort),
          WORKER_TYPES: 'system.sleep',
          WORKER_CONCURRENCY: String(options.concurrency ?? 8),
          // A completion lost with its lock runs again within ~10 s.
          WORKER_LOCK_DURATION_MS: '10000',
          WORKER_STALLED_INTERVAL_MS: '5000',
        },
        readyUrl: `http://127.0.0.1:${metricsPort}/healthz`,
      }),
    );
  } catch (error) {
    await Promise.all(started.map(p => p.stop(2_000)));
    throw error;
  }
  const [api, worker] = started as [BenchProcess, BenchProcess];
  return {
    apiUrl: `http://127.0.0.1:${apiPort}`,
    workerHealthUrl: `http://127.0.0.1:${metricsPort}/healthz`,
    exited: () =>
      (['api', 'worker'] as const).filter(name => {
        const { child } = name === 'api' ? api : worker;
        return child.exitCode !== null || child.signalCode !== null;
      }),
    async stop() {
      await Promise.all(started.map(p => p.stop(2_000)));
    },
  };
}
