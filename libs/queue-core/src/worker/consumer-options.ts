import type { HandlerMap, JobType } from '@errand/contracts';
import type { Retention } from '../store/job-options';
import type { LimitDefaults } from '../store/limits/limits-config';
import type { QueueNaming } from '../store/queue-name';
import type { RetryPolicy } from '../store/retry/retry-policy';
import type { PayloadCipher } from '../store/security/payload-cipher';
import type { CustomBackoff } from './backoff-policy';
import type { CatalogLike } from './catalog-like';
import type { ConsumerHooks } from './process-job';

/** How a worker process consumes. */
export interface ConsumerOptions extends Partial<QueueNaming> {
  redisUrl: string;
  /** The job types this process serves; each gets its own BullMQ worker. */
  types: readonly JobType[];
  /**
   * Jobs of one type run at once in this process, in each queue of the
   * type: on a cluster its flow shards' queues take as many again each.
   */
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
   * Signs the callbacks of jobs that end here (`CALLBACK_SIGNING_SECRET`,
   * the API's). @defaultValue none: no callback is sent
   */
  callbackSecret?: string;
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
  /**
   * Each type's flow limits when none are set at run time (the catalog's,
   * or `JOB_TYPE_LIMITS`); written to Redis at start unless an operator
   * set limits at run time (docs/flow-control.md). @defaultValue the
   * catalog's
   */
  limitDefaults?: LimitDefaults;
  /**
   * The longest pause a handler's `rateLimited` outcome may put on its type.
   * @defaultValue an hour ({@link MAX_PROVIDER_PAUSE_MS})
   */
  maxProviderPauseMs?: number;
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
