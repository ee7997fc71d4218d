import { createHash } from 'node:crypto';
import {
  findFreePort,
  startRedisCluster,
  startRedisServer,
} from '@errand/local-redis';
import {
  parseEnqueueRequest,
  type JobTypeLimits,
  type JobType,
  type JobView,
} from '@errand/contracts';
import {
  enqueueBatch,
  getJobView,
  JobStore,
  setJobTypeLimits,
} from '@errand/queue-core';
import { uniquePrefix } from '@errand/queue-core/testing';
import {
  killApp,
  spawnApp,
  waitUntilHealthy,
  type SpawnedApp,
} from '@errand/runtime/testing';

const MAIN = 'apps/worker/src/main.ts';
const API_MAIN = 'apps/api/src/main.ts';

/** Where the flow-control specs run: one Redis, or a three-master cluster. */
export type Topology = 'single' | 'cluster';

/** A private Redis, a fresh prefix per test, and real worker processes on it. */
export interface FlowStack {
  readonly store: JobStore;
  /** Starts `count` worker processes serving `types`; killed after the test. */
  startWorkers(
    count: number,
    types: readonly JobType[],
    env?: Record<string, string>,
  ): Promise<void>;
  /**
   * Starts a real API process on the same Redis and prefix, which knows
   * `adminKey` as the admin key `ops`; killed after the test. Resolves
   * with its base URL.
   */
  startApi(adminKey: string): Promise<string>;
  setLimits(type: JobType, limits: Partial<JobTypeLimits>): Promise<void>;
  /** Enqueues in batches of 1 000; resolves with the ids, in order. */
  enqueue(requests: readonly unknown[]): Promise<string[]>;
  views(ids: readonly string[]): Promise<JobView[]>;
}

/** Starts the stack for the spec's describe block (hooks included). */
export function useFlowStack(topology: Topology): FlowStack {
  let url = '';
  let stop: (() => Promise<void>) | undefined;
  let prefix = '';
  let store: JobStore | undefined;
  /** Every process started for the current test: workers and the API. */
  const processes: SpawnedApp[] = [];

  beforeAll(async () => {
    if (topology === 'cluster') {
      const cluster = await startRedisCluster({ masters: 3 });
      url = cluster.url;
      stop = () => cluster.stop();
    } else {
      const server = await startRedisServer();
      url = server.url;
      stop = () => server.stop();
    }
  }, 60_000);
  beforeEach(() => {
    prefix = uniquePrefix();
    store = new JobStore({ redisUrl: url, prefix, deadlineMs: 5_000 });
  });
  afterEach(async () => {
    await Promise.all(processes.splice(0).map(app => killApp(app)));
    await store?.close();
    store = undefined;
  });
  afterAll(async () => {
    await stop?.();
  });

  const opened = () => {
    if (!store) throw new Error('The flow stack is only there in tests.');
    return store;
  };
  return {
    get store() {
      return opened();
    },
    async startWorkers(count, types, env = {}) {
      await Promise.all(
        Array.from({ length: count }, async () => {
          const port = await findFreePort();
          const worker = spawnApp(MAIN, {
            REDIS_URL: url,
            QUEUE_PREFIX: prefix,
            WORKER_TYPES: types.join(','),
            METRICS_PORT: String(port),
            LOG_LEVEL: 'warn',
            SHUTDOWN_GRACE_MS: '500',
            ...env,
          });
          processes.push(worker);
          await waitUntilHealthy(worker, `http://127.0.0.1:${port}/healthz`);
        }),
      );
    },
    async startApi(adminKey) {
      const port = await findFreePort();
      // The API's key format (auth/parse-api-keys.ts): name:role:SHA-256 hex.
      const hash = createHash('sha256').update(adminKey, 'utf8').digest('hex');
      const api = spawnApp(API_MAIN, {
        REDIS_URL: url,
        QUEUE_PREFIX: prefix,
        PORT: String(port),
        LOG_LEVEL: 'warn',
        API_KEYS: `ops:admin:${hash}`,
      });
      processes.push(api);
      const base = `http://127.0.0.1:${port}`;
      await waitUntilHealthy(api, `${base}/healthz`);
      return base;
    },
    async setLimits(type, limits) {
      await setJobTypeLimits(opened(), type, {
        rateLimit: null,
        maxConcurrent: null,
        perKeyConcurrency: null,
        ...limits,
      });
    },
    async enqueue(requests) {
      const ids: string[] = [];
      for (let i = 0; i < requests.length; i += 1_000) {
        const accepted = await enqueueBatch(
          opened(),
          requests.slice(i, i + 1_000).map(r => parseEnqueueRequest(r)),
        );
        ids.push(...accepted.map(job => job.id));
      }
      return ids;
    },
    views(ids) {
      return Promise.all(ids.map(id => getJobView(opened(), id)));
    },
  };
}
