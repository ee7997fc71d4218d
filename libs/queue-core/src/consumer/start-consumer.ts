import { Worker } from 'bullmq';
import type { JobType } from '@errand/contracts';
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
import { createJobProcessor, type ConsumerHooks } from './process-job';

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
   * Stops taking jobs, lets running ones finish for up to `graceMs`, then
   * aborts the rest (their locks expire and another worker picks them up)
   * and closes the connections.
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
  const processor = createJobProcessor(
    options.handlers,
    options.hooks ?? {},
    shutdown.signal,
  );

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
      const drained = Promise.all(workers.map(w => w.close())).then(() => true);
      let graceTimer: NodeJS.Timeout | undefined;
      const graceOver = new Promise<false>(resolve => {
        graceTimer = setTimeout(resolve, graceMs, false);
      });
      const inTime = await Promise.race([drained, graceOver]);
      // A pending grace timer would keep the process alive for the rest of
      // `graceMs` after the workers drained.
      clearTimeout(graceTimer);
      if (!inTime) {
        shutdown.abort(new Error('The worker is shutting down.'));
        await Promise.all(workers.map(w => w.close(true)));
      }
      connection.disconnect();
    },
  };
}
