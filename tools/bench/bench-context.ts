import { existsSync } from 'node:fs';
import { join } from 'node:path';
import {
  findFreePort,
  ROOT,
  startProcess,
  type BenchProcess,
} from '@errand/local-redis';
import type { BenchSettings } from './bench-settings';
import { RedisProbe } from './baselines/redis-probe';

/** Key prefixes, one per system, so no run reads another's keys. */
export const ERRAND_PREFIX = 'bench';

/**
 * The worker's V8 flags, as docker/worker.Dockerfile runs it: young
 * generation semi-spaces of 4 MB instead of 16 MB took the drain's peak RSS
 * from 160 to 138 MB at the same CPU per job (docs/performance.md).
 */
export const WORKER_NODE_FLAGS = ['--max-semi-space-size=4'];
export const RAW_PREFIX = 'benchraw';
export const RAW_QUEUE = 'raw';
export const BEE_PREFIX = 'benchbee';
export const BEE_QUEUE = 'bee';
const BARE_PREFIX = 'benchbare';

/** What every section gets: the settings, Redis, and process starters. */
export class BenchContext {
  readonly probe: RedisProbe;

  constructor(
    readonly settings: BenchSettings,
    readonly redisUrl: string,
    /** Where `--cpu-prof` writes, when profiling; undefined otherwise. */
    readonly profileDir?: string,
    /** Run the apps from `dist/apps/<app>/main.js` instead of source. */
    readonly fromDist = false,
  ) {
    this.probe = new RedisProbe(redisUrl);
  }

  private profileFlags(name: string): string[] {
    if (!this.profileDir) return [];
    // One folder per process: under tsx the loader thread writes a profile
    // of its own, which a fixed file name would let overwrite the app's.
    return ['--cpu-prof', `--cpu-prof-dir=${join(this.profileDir, name)}`];
  }

  /** The Errand API from source, quiet, on a free port. */
  async startApi(profileAs?: string): Promise<BenchProcess & { url: string }> {
    const port = await findFreePort();
    const api = await startProcess('api', {
      main: this.entryOf('api'),
      env: this.appEnv({
        PORT: String(port),
        BODY_LIMIT: '64kb',
        ALLOW_NO_API_KEYS: 'true',
      }),
      nodeFlags: profileAs ? this.profileFlags(profileAs) : [],
      readyUrl: `http://127.0.0.1:${port}/healthz`,
    });
    return Object.assign(api, { url: `http://127.0.0.1:${port}` });
  }

  /** One Errand worker process from source, serving `types` only. */
  async startWorker(
    profileAs?: string,
    /** `WORKER_TYPES`. @defaultValue `system.noop` */
    types = 'system.noop',
  ): Promise<BenchProcess> {
    const port = await findFreePort();
    return startProcess('worker', {
      main: this.entryOf('worker'),
      env: this.appEnv({
        METRICS_PORT: String(port),
        WORKER_CONCURRENCY: String(this.settings.concurrency),
        WORKER_TYPES: types,
        SHUTDOWN_GRACE_MS: '2000',
      }),
      nodeFlags: [
        ...WORKER_NODE_FLAGS,
        ...(profileAs ? this.profileFlags(profileAs) : []),
      ],
      readyUrl: `http://127.0.0.1:${port}/healthz`,
    });
  }

  /** A baseline worker process: raw BullMQ or bee-queue. */
  startBaseline(
    kind: 'bullmq' | 'bee',
    profileAs?: string,
  ): Promise<BenchProcess> {
    const bee = kind === 'bee';
    return startProcess(kind, {
      main: `tools/bench/baselines/${kind}-worker.ts`,
      env: {
        REDIS_URL: this.redisUrl,
        QUEUE_PREFIX: bee ? BEE_PREFIX : RAW_PREFIX,
        QUEUE_NAME: bee ? BEE_QUEUE : RAW_QUEUE,
        CONCURRENCY: String(this.settings.concurrency),
      },
      nodeFlags: profileAs ? this.profileFlags(profileAs) : [],
      readyLine: 'ready',
    });
  }

  /**
   * The bare enqueue service (`baselines/bare-service.ts`) on a free port,
   * from source like the other baselines: tsx compiles its 30 lines once
   * at start-up and is out of the way by the time the load begins.
   */
  async startBareService(
    profileAs?: string,
  ): Promise<BenchProcess & { url: string }> {
    const port = await findFreePort();
    const bare = await startProcess('bare-service', {
      main: 'tools/bench/baselines/bare-service.ts',
      env: {
        REDIS_URL: this.redisUrl,
        QUEUE_PREFIX: BARE_PREFIX,
        QUEUE_NAME: 'bare',
        PORT: String(port),
      },
      nodeFlags: profileAs ? this.profileFlags(profileAs) : [],
      readyLine: 'ready',
    });
    return Object.assign(bare, { url: `http://127.0.0.1:${port}` });
  }

  /** An app's entry: its built bundle with `--dist`, else its source. */
  entryOf(app: 'api' | 'worker'): string {
    if (!this.fromDist) return `apps/${app}/src/main.ts`;
    const bundle = `dist/apps/${app}/main.js`;
    if (!existsSync(join(ROOT, bundle))) {
      throw new Error(`${bundle} is missing: run \`npm run build\` first.`);
    }
    return bundle;
  }

  private appEnv(extra: Record<string, string>): Record<string, string> {
    return {
      REDIS_URL: this.redisUrl,
      QUEUE_PREFIX: ERRAND_PREFIX,
      // The apps as deployed log at info; job successes are debug lines.
      LOG_LEVEL: 'info',
      // On, as deployed, but too high to refuse the bench's traffic: the
      // limiter's Redis round trip is part of what an enqueue costs.
      RATE_LIMIT_PER_MINUTE: '1000000000',
      ...extra,
    };
  }
}
