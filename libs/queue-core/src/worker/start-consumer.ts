import { hostname } from 'node:os';
import { MetricsTime } from 'bullmq';
import { jobCatalog, MAX_PROVIDER_PAUSE_MS } from '@errand/contracts';
import { isConnectionFailure } from '../store/connection/is-connection-failure';
import { JobStore } from '../store/job-store';
import { flowShardsOf, queueNameFor } from '../store/queue-name';
import { DEFAULT_RETRY_POLICY } from '../store/retry/retry-policy';
import { createBackoffStrategy } from './backoff-strategy';
import { InFlightJobs } from './in-flight-jobs';
import { recordEncryptionMarker } from '../store/security/encryption-marker';
import { applyLimitsInForce } from '../store/limits/job-type-limits';
import { catalogLimitDefaults } from '../store/limits/limits-config';
import { endShares } from '../store/limits/key-shares';
import { createJobProcessor } from './process-job';
import type { ConsumerOptions } from './consumer-options';
import { WorkerShutdownError } from './worker-shutdown-error';
import { startStallSweeper } from './stall-sweeper';
import { SettlingWorker } from './settling-worker';
import { listenForCancellations } from './listen-for-cancellations';
import { within } from './within';

/** How long a shutdown waits for running jobs to be handed back. */
const RELEASE_TIMEOUT_MS = 5_000;
/** BullMQ's lock duration, the lease of a key slot unless set. */
const DEFAULT_LOCK_DURATION_MS = 30_000;
/** The longest a worker waits out a rate limit before it looks again. */
const RATE_LIMIT_RECHECK_MS = 1_000;
/** How often lost locks are looked for (stall-sweeper.ts). */
const DEFAULT_STALL_SWEEP_MS = 1_000;

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
  const store = new JobStore({
    redisUrl: options.redisUrl,
    role: 'worker',
    prefix: options.prefix,
    hashTag: options.hashTag,
    flowShards: options.flowShards,
    cipher: options.cipher,
    retention: options.retention,
    callbackSecret: options.callbackSecret,
  });
  const { connection, naming } = store;
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
  const limitDefaults = options.limitDefaults ?? catalogLimitDefaults;
  const inFlight = new InFlightJobs();
  const workerName = options.workerName ?? `${hostname()}:${process.pid}`;
  const processor = createJobProcessor(options.handlers, {
    catalog: options.catalog ?? jobCatalog,
    cipher: store.cipher,
    hooks: options.hooks ?? {},
    inFlight,
    store,
    workerName,
    limits: {
      defaults: limitDefaults,
      leaseMs: options.lockDurationMs ?? DEFAULT_LOCK_DURATION_MS,
      maxProviderPauseMs: options.maxProviderPauseMs ?? MAX_PROVIDER_PAUSE_MS,
    },
  });
  const cancellations = listenForCancellations(connection, naming, inFlight);

  // A worker per queue of each type: its own, and on a cluster its queue
  // in each flow shard (store/queue-name.ts), where flows' nodes wait.
  const queueNames = options.types.flatMap(type =>
    [undefined, ...flowShardsOf(naming)].map(shard => ({
      type,
      name: queueNameFor(type, naming, shard),
    })),
  );
  const workers = queueNames.map(({ type, name }) => {
    const worker = new SettlingWorker(name, processor, {
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
      // A worker waiting out a rate limit looks again within a second, so a
      // limit lifted or raised at run time holds within a second too.
      maximumRateLimitDelay: RATE_LIMIT_RECHECK_MS,
      settings: { backoffStrategy },
    });
    worker.on('error', onError);
    worker.on('completed', recovered);
    // The type's limits in force, into BullMQ's meta; best effort, as a
    // worker started while Redis is down still serves once it is back.
    applyLimitsInForce(
      { connection, naming, type, metaKey: worker.keys.meta },
      limitDefaults,
    ).catch(() => undefined);
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
      // Key slots released by the last jobs, and held jobs they woke; not
      // during an outage, which they would wait out (their slots lapse).
      if (connection.status === 'ready') {
        await within(
          Promise.all([inFlight.afterEnd(), endShares(connection)]),
          RELEASE_TIMEOUT_MS,
        );
      }
      cancellations.disconnect();
      connection.disconnect();
    },
  };
}
