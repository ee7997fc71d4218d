import { hostname } from 'node:os';
import { MetricsTime } from 'bullmq';
import type { Redis } from 'ioredis';
import { type HandlerMap, jobCatalog, type JobType } from '@errand/contracts';
import { createRedisConnection } from '../store/connection/create-redis-connection';
import { isClusterUrl } from '../store/connection/redis-target';
import { isConnectionFailure } from '../store/connection/is-connection-failure';
import {
  DEFAULT_QUEUE_PREFIX,
  queueNameFor,
  type QueueNaming,
} from '../store/queue-name';
import {
  DEFAULT_RETRY_POLICY,
  type RetryPolicy,
} from '../store/retry/retry-policy';
import type { CustomBackoff } from './backoff-policy';
import { createBackoffStrategy } from './backoff-strategy';
import type { Retention } from '../store/job-options';
import { parseCancelRequest } from '../store/cancel-channel';
import { cancelChannel } from '../store/keys';
import { InFlightJobs } from './in-flight-jobs';
import type { PayloadCipher } from '../store/security/payload-cipher';
import { recordEncryptionMarker } from '../store/security/encryption-marker';
import type { CatalogLike } from './catalog-like';
import { createJobProcessor, type ConsumerHooks } from './process-job';
import { WorkerShutdownError } from './worker-shutdown-error';
import { startStallSweeper } from './stall-sweeper';
import { SettlingWorker } from './settling-worker';

/** How long a shutdown waits for running jobs to be handed back. */
const RELEASE_TIMEOUT_MS = 5_000;
/** How often lost locks are looked for (stall-sweeper.ts). */
const DEFAULT_STALL_SWEEP_MS = 1_000;

/** Resolves true when `work` settles within `ms`, false otherwise. */
async function within(work: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>(resolve => {
    timer = setTimeout(resolve, ms, false);
  });
  try {
    return await Promise.race([work.then(() => true), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** How a worker process consumes. */
export interface ConsumerOptions extends Partial<QueueNaming> {
  redisUrl: string;
  /** The job types this process serves; each gets its own BullMQ worker. */
  types: readonly JobType[];
  /** Jobs of one type run at once in this process. */
  concurrency: number;
  /**
   * Overrides `concurrency` for some types, so one process (or pool) runs
   * many cheap jobs and few heavy ones. @defaultValue none
   */
  concurrencyByType?: Readonly<Partial<Record<JobType, number>>>;
  handlers: HandlerMap;
  /**
   * The backoff of types whose catalog defaults name none.
   * @defaultValue {@link DEFAULT_RETRY_POLICY}
   */
  retryPolicy?: RetryPolicy;
  /**
   * Backoff functions by name, for types whose `defaults.backoff` is
   * `{strategy: 'custom', name}`. A served type naming one missing here
   * makes `startConsumer` throw. @defaultValue none
   */
  backoffStrategies?: Readonly<Record<string, CustomBackoff>>;
  hooks?: ConsumerHooks;
  /**
   * The contracts to run jobs against. @defaultValue the catalog this
   * worker was built with
   */
  catalog?: CatalogLike;
  /** Opens sensitive fields sealed at enqueue (same key as the API). */
  cipher?: PayloadCipher;
  /**
   * Bounds the jobs cancelled while running here, as the API's bounds the
   * ones it cancels. @defaultValue a day, or 1 000 per type
   */
  retention?: Retention;
  /**
   * Redis could not be reached (is-connection-failure.ts); the consumer
   * keeps going. Called once per outage, not once per failed reconnect.
   */
  onError?(error: Error): void;
  /** Called when Redis is back after an outage. */
  onRecovered?(): void;
  /**
   * Redis refused a write about one job (its key or lock gone, e.g. lost in
   * a failover); the job runs again if it still exists. @defaultValue none
   */
  onJobError?(error: Error): void;
  /** This process in job histories. @defaultValue `<hostname>:<pid>` */
  workerName?: string;
  /**
   * How long a running job's lock lasts, renewed at half of it; also how
   * often lost locks are looked for. A job whose worker died, or whose
   * completion a Redis failover lost, runs again after about this long.
   * @defaultValue 30 000 ms (BullMQ's)
   */
  lockDurationMs?: number;
  /**
   * How often this worker looks for jobs whose lock expired (their worker
   * died) and puts them back in the queue. A dead worker's job runs again
   * within `lockDurationMs + stalledIntervalMs` of its last lock renewal.
   * @defaultValue `lockDurationMs` when that is set, else 30 000 ms (BullMQ's)
   */
  stalledIntervalMs?: number;
  /**
   * How many times a job may lose its lock (its worker crashed or froze)
   * before the stalled check fails it for good instead of re-queueing it:
   * a job that crashes its worker every time is quarantined after
   * `maxStalledCount + 1` crashes, whatever its retries. @defaultValue 1
   * (BullMQ's)
   */
  maxStalledCount?: number;
  /**
   * How often an active job that has lost its lock is looked for, so that a
   * dead worker's job runs again within about `lockDurationMs` + this of the
   * crash instead of up to two stalled intervals later (see
   * stall-sweeper.ts). 0 leaves it to BullMQ's check alone.
   * @defaultValue 1 000 ms
   */
  stallSweepMs?: number;
}

/**
 * Subscribes to cancellation requests (see cancel-channel.ts) on a
 * connection of its own, since a subscribed connection can do nothing else.
 */
function listenForCancellations(
  connection: Redis,
  naming: QueueNaming,
  inFlight: InFlightJobs,
): Redis {
  const subscriber = connection.duplicate();
  // The main connection reports outages; this one just reconnects.
  subscriber.on('error', () => undefined);
  subscriber.on('message', (_channel: string, message: string) => {
    const request = parseCancelRequest(message);
    if (request) inFlight.cancel(request.id, request.by);
  });
  subscriber.subscribe(cancelChannel(naming)).catch(() => undefined);
  return subscriber;
}

/** A running consumer. */
export interface Consumer {
  /** True while Redis is connected and every type's worker runs. */
  isHealthy(): boolean;
  /**
   * Stops taking jobs and lets running ones finish for up to `graceMs`.
   * Jobs still running then are aborted and handed back to their queue
   * without using an attempt, for another worker to run from the start.
   * Then closes the connections. Never takes much longer than `graceMs`,
   * even while Redis is down.
   */
  close(graceMs: number): Promise<void>;
}

/** Starts consuming every type in `options.types`. */
export function startConsumer(options: ConsumerOptions): Consumer {
  // Built first: a policy that cannot run stops the start, before any
  // connection is opened.
  const backoffStrategy = createBackoffStrategy({
    catalog: options.catalog ?? jobCatalog,
    types: options.types,
    retryPolicy: options.retryPolicy ?? DEFAULT_RETRY_POLICY,
    strategies: options.backoffStrategies,
  });
  const connection = createRedisConnection('worker', options.redisUrl);
  let down = false;
  const onError = (error: Error) => {
    // A script's refusal ("Missing key for job", "Missing lock") is about
    // one job, not an outage: reported as such, never as "unavailable".
    if (!isConnectionFailure(error)) {
      options.onJobError?.(error);
      return;
    }
    if (down) return;
    down = true;
    options.onError?.(error);
  };
  const recovered = () => {
    if (!down) return;
    down = false;
    options.onRecovered?.();
  };
  connection.on('error', onError);
  // A cluster client stays `ready` through a node's failover: the first job
  // finished afterwards is the sign that Redis is back.
  connection.on('ready', recovered);
  const naming: QueueNaming = {
    prefix: options.prefix ?? DEFAULT_QUEUE_PREFIX,
    // In a cluster each queue's keys must share a slot.
    hashTag: options.hashTag ?? isClusterUrl(options.redisUrl),
  };
  if (options.cipher) {
    // Tells an inspector without the ring that encryption is on here, so
    // it refuses to store sensitive fields in clear. Best effort: the
    // worker's connection waits for Redis, and a failure stops nothing.
    recordEncryptionMarker(
      connection,
      naming,
      options.cipher.sealingKeyId,
    ).catch(() => undefined);
  }
  const inFlight = new InFlightJobs();
  const workerName = options.workerName ?? `${hostname()}:${process.pid}`;
  const processor = createJobProcessor(options.handlers, {
    catalog: options.catalog ?? jobCatalog,
    cipher: options.cipher,
    hooks: options.hooks ?? {},
    inFlight,
    store: { connection, naming, retention: options.retention },
    workerName,
  });
  const cancellations = listenForCancellations(connection, naming, inFlight);

  const workers = options.types.map(type => {
    const worker = new SettlingWorker(queueNameFor(type, naming), processor, {
      connection,
      prefix: naming.prefix,
      name: workerName,
      concurrency: options.concurrencyByType?.[type] ?? options.concurrency,
      // Per-minute counts of finished and failed jobs, kept two hours, for
      // the throughput figures of `GET /stats`; BullMQ updates them inside
      // the script that finishes a job, so they cost no extra round trip.
      metrics: { maxDataPoints: MetricsTime.ONE_HOUR * 2 },
      ...(options.lockDurationMs && {
        lockDuration: options.lockDurationMs,
        stalledInterval: options.lockDurationMs,
      }),
      ...(options.stalledIntervalMs && {
        stalledInterval: options.stalledIntervalMs,
      }),
      ...(options.maxStalledCount !== undefined && {
        maxStalledCount: options.maxStalledCount,
      }),
      settings: { backoffStrategy },
    });
    worker.on('error', onError);
    worker.on('completed', recovered);
    return worker;
  });
  const stallSweepMs = options.stallSweepMs ?? DEFAULT_STALL_SWEEP_MS;
  const sweepers =
    stallSweepMs > 0
      ? workers.map(w => startStallSweeper(w, connection, stallSweepMs))
      : [];

  return {
    isHealthy: () =>
      connection.status === 'ready' && workers.every(w => w.isRunning()),
    async close(graceMs) {
      for (const sweeper of sweepers) sweeper.stop();
      const drained = Promise.all(workers.map(w => w.close()));
      if (!(await within(drained, graceMs))) {
        // Each running processor now hands its job back and returns, which
        // lets the close above finish.
        inFlight.abortAll(new WorkerShutdownError());
        // Handing back needs Redis. During an outage BullMQ's close never
        // resolves, so stop waiting: the jobs' locks expire and the stalled
        // check of a live worker re-queues them, so none is lost.
        await within(drained, RELEASE_TIMEOUT_MS);
      }
      cancellations.disconnect();
      connection.disconnect();
    },
  };
}
