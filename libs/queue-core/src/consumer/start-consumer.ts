import { Worker } from 'bullmq';
import { jobCatalog, type JobType } from '@errand/contracts';
import { createRedisConnection } from '../connection/create-redis-connection';
import {
  DEFAULT_QUEUE_PREFIX,
  queueNameFor,
  type QueueNaming,
} from '../naming/queue-name';
import {
  DEFAULT_RETRY_POLICY,
  ERRAND_BACKOFF,
  retryDelay,
  type RetryPolicy,
} from '../retry/retry-policy';
import type { HandlerMap } from './job-handler';
import type { PayloadCipher } from '../security/payload-cipher';
import {
  createJobProcessor,
  type CatalogLike,
  type ConsumerHooks,
} from './process-job';
import { WorkerShutdownError } from './worker-shutdown-error';

/** How long a shutdown waits for running jobs to be handed back. */
const RELEASE_TIMEOUT_MS = 5_000;

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
  handlers: HandlerMap;
  /** @defaultValue {@link DEFAULT_RETRY_POLICY} */
  retryPolicy?: RetryPolicy;
  hooks?: ConsumerHooks;
  /**
   * The contracts to run jobs against. @defaultValue the catalog this
   * worker was built with
   */
  catalog?: CatalogLike;
  /** Opens sensitive fields sealed at enqueue (same key as the API). */
  cipher?: PayloadCipher;
  /**
   * Connection and worker errors; the consumer keeps going. Called once per
   * outage, not once per failed reconnect.
   */
  onError?(error: Error): void;
  /** Called when Redis is back after an outage. */
  onRecovered?(): void;
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
  const connection = createRedisConnection('worker', options.redisUrl);
  let down = false;
  const onError = (error: Error) => {
    if (down) return;
    down = true;
    options.onError?.(error);
  };
  connection.on('error', onError);
  connection.on('ready', () => {
    if (!down) return;
    down = false;
    options.onRecovered?.();
  });
  const naming: QueueNaming = {
    prefix: options.prefix ?? DEFAULT_QUEUE_PREFIX,
    hashTag: options.hashTag ?? false,
  };
  const policy = options.retryPolicy ?? DEFAULT_RETRY_POLICY;
  const shutdown = new AbortController();
  const processor = createJobProcessor(options.handlers, {
    catalog: options.catalog ?? jobCatalog,
    cipher: options.cipher,
    hooks: options.hooks ?? {},
    shutdown: shutdown.signal,
  });

  const workers = options.types.map(type => {
    const worker = new Worker(queueNameFor(type, naming), processor, {
      connection,
      prefix: naming.prefix,
      concurrency: options.concurrency,
      settings: {
        backoffStrategy: (attemptsMade, backoffType) =>
          backoffType === ERRAND_BACKOFF ? retryDelay(attemptsMade, policy) : 0,
      },
    });
    worker.on('error', onError);
    return worker;
  });

  return {
    isHealthy: () =>
      connection.status === 'ready' && workers.every(w => w.isRunning()),
    async close(graceMs) {
      const drained = Promise.all(workers.map(w => w.close()));
      if (!(await within(drained, graceMs))) {
        // Each running processor now hands its job back and returns, which
        // lets the close above finish.
        shutdown.abort(new WorkerShutdownError());
        // Handing back needs Redis. During an outage BullMQ's close never
        // resolves, so stop waiting: the jobs' locks expire and the stalled
        // check of a live worker re-queues them, so none is lost.
        await within(drained, RELEASE_TIMEOUT_MS);
      }
      connection.disconnect();
    },
  };
}
