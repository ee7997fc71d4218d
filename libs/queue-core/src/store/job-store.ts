import { AsyncLocalStorage } from 'node:async_hooks';
import { Queue } from 'bullmq';
import { jobTypes, type JobType } from '@errand/contracts';
import type { Redis } from 'ioredis';
import {
  createRedisConnection,
  type ConnectionRole,
} from './connection/create-redis-connection';
import { withRedisDeadline } from './connection/with-redis-deadline';
import {
  isClusterUrl,
  parseRedisUrl,
  RedisUrlError,
} from './connection/redis-target';
import { PromotableReplicas } from './connection/promotable-replicas';
import { QueueUnavailableError } from './errors/queue-unavailable-error';
import type { PayloadCipher } from './security/payload-cipher';
import { DEFAULT_RETENTION, type Retention } from './job-options';
import {
  DEFAULT_QUEUE_PREFIX,
  queueNameFor,
  type QueueNaming,
} from './queue-name';

/** How to open the queues. */
export interface JobStoreOptions extends Partial<QueueNaming> {
  /** A Redis URL of any topology (see connection/redis-target.ts). */
  redisUrl: string;
  /** @defaultValue `'producer'`: fail fast */
  role?: ConnectionRole;
  /** Seals sensitive payload fields before they are stored. */
  cipher?: PayloadCipher;
  /**
   * How long one operation may wait on Redis before it fails as
   * unavailable. @defaultValue 800 ms, so an HTTP answer comes within 1 s
   */
  deadlineMs?: number;
  /**
   * How long finished and dead jobs stored through this store are kept.
   * @defaultValue {@link DEFAULT_RETENTION}
   */
  retention?: Retention;
  /**
   * Replicas that must hold a write before
   * {@link JobStore.writeThenWaitForReplicas} succeeds (Redis `WAIT`), so an
   * acknowledged job survives a failover; fewer within the deadline fails the
   * write as unavailable. Set it to every replica the master has for the
   * guarantee in docs/scaling.md, or `'all'` (Sentinel only): every replica
   * the sentinels could promote, re-counted as replicas come and go
   * (promotable-replicas.ts). Not with a cluster URL.
   * @defaultValue 0: no WAIT
   */
  waitReplicas?: number | 'all';
}

/**
 * The job store: the BullMQ queues of every job type over one shared
 * connection, opened lazily, with the naming, cipher, retention and Redis
 * deadline every wing stores jobs under. Producers, the read model and the
 * dead-letter operations take one of these; nothing outside queue-core sees
 * a BullMQ `Queue`.
 */
export class JobStore {
  readonly naming: QueueNaming;
  readonly connection: Redis;
  readonly deadlineMs: number;
  readonly cipher?: PayloadCipher;
  readonly retention: Retention;
  readonly waitReplicas: number | 'all';
  private readonly promotable?: PromotableReplicas;
  private readonly queues = new Map<JobType, Queue>();
  /** When the current request's Redis time runs out (ms since the epoch). */
  private readonly requestDeadline = new AsyncLocalStorage<number>();

  constructor(options: JobStoreOptions) {
    // Checked before a connection exists, so a refusal leaves none open.
    this.waitReplicas = replicasToWaitFor(options);
    if (this.waitReplicas === 'all') {
      this.promotable = new PromotableReplicas(options.redisUrl);
    }
    this.naming = {
      prefix: options.prefix ?? DEFAULT_QUEUE_PREFIX,
      // In a cluster each queue's keys must share a slot.
      hashTag: options.hashTag ?? isClusterUrl(options.redisUrl),
    };
    this.connection = createRedisConnection(
      options.role ?? 'producer',
      options.redisUrl,
    );
    // Errors surface on the commands that hit them; without a listener
    // ioredis would print every failed reconnect.
    this.connection.on('error', () => undefined);
    this.deadlineMs = options.deadlineMs ?? 800;
    this.cipher = options.cipher;
    this.retention = options.retention ?? DEFAULT_RETENTION;
  }

  /** The queue that holds jobs of `type`. */
  queueFor(type: JobType): Queue {
    let queue = this.queues.get(type);
    if (!queue) {
      queue = new Queue(queueNameFor(type, this.naming), {
        connection: this.connection,
        prefix: this.naming.prefix,
        skipWaitingForReady: true,
      });
      queue.on('error', () => undefined);
      // BullMQ keeps a failed first connect for good: a queue opened while
      // Redis is down would fail every call after Redis is back. Forget it,
      // so that the next call opens a fresh one.
      const opened = queue;
      opened.waitUntilReady().catch(() => {
        if (this.queues.get(type) === opened) this.queues.delete(type);
      });
      this.queues.set(type, queue);
    }
    return queue;
  }

  /** Every job type's queue, in catalog order. */
  all(): { type: JobType; queue: Queue }[] {
    return jobTypes.map(type => ({ type, queue: this.queueFor(type) }));
  }

  /**
   * Runs `work` (an HTTP request, say) with one deadline, `deadlineMs` from
   * now, shared by every {@link JobStore.runWithDeadline} and
   * {@link JobStore.writeThenWaitForReplicas} it makes, so three Redis calls
   * in a row cannot take three deadlines.
   */
  withinDeadline<T>(work: () => T): T {
    return this.requestDeadline.run(Date.now() + this.deadlineMs, work);
  }

  /**
   * Runs a Redis operation under this store's deadline (what is left of it
   * inside {@link JobStore.withinDeadline}); a slow or disconnected Redis
   * becomes a {@link QueueUnavailableError}. For reads, and for writes whose
   * loss in a failover is harmless (a rate-limit counter, a probe).
   */
  runWithDeadline<T>(operation: () => Promise<T>): Promise<T> {
    return withRedisDeadline(this.connection, operation, this.remainingMs());
  }

  /**
   * Runs a write that is acknowledged to a client (an enqueue), then WAITs
   * until `waitReplicas` replicas hold it, all under one deadline (at most
   * `deadlineMs`, less inside {@link JobStore.withinDeadline}).
   */
  writeThenWaitForReplicas<T>(
    operation: () => Promise<T>,
    deadlineMs?: number,
  ): Promise<T> {
    const budget = this.remainingMs(deadlineMs);
    const startedAt = Date.now();
    const durable = this.waitReplicas
      ? () =>
          operation().then(result =>
            this.replicated(budget - (Date.now() - startedAt)).then(
              () => result,
            ),
          )
      : operation;
    return withRedisDeadline(this.connection, durable, budget);
  }

  /** `ms`, cut to what is left of the current request's deadline. */
  private remainingMs(ms = this.deadlineMs): number {
    const at = this.requestDeadline.getStore();
    if (at === undefined) return ms;
    return Math.max(1, Math.min(ms, at - Date.now()));
  }

  /** WAITs until `waitReplicas` replicas hold this connection's writes. */
  private async replicated(timeoutMs: number): Promise<void> {
    const needed = this.promotable
      ? this.promotable.current()
      : (this.waitReplicas as number);
    if (needed === undefined) {
      throw new QueueUnavailableError(
        'the sentinels have not yet said how many replicas must hold a write; try again shortly',
      );
    }
    const acked = await this.connection.wait(
      needed,
      Math.max(1, Math.floor(timeoutMs)),
    );
    if (acked < needed) {
      throw new QueueUnavailableError(
        `${acked} of ${needed} replicas acknowledged the write; it may not survive a failover, try again`,
      );
    }
  }

  /** Resolves when Redis answers PING within the deadline. */
  async ping(): Promise<void> {
    await this.runWithDeadline(() => this.connection.ping());
  }

  /** Closes the queues and the connection. */
  async close(): Promise<void> {
    await Promise.all([...this.queues.values()].map(queue => queue.close()));
    this.connection.disconnect();
    this.promotable?.close();
  }
}

function replicasToWaitFor(options: JobStoreOptions): number | 'all' {
  const replicas = options.waitReplicas ?? 0;
  if (replicas === 0) return 0;
  if (isClusterUrl(options.redisUrl)) {
    // WAIT answers for the node it reaches, and a cluster client sends it
    // to any node; refuse rather than pretend.
    throw new RedisUrlError('waitReplicas is not supported on a cluster URL.');
  }
  if (
    replicas === 'all' &&
    parseRedisUrl(options.redisUrl).topology !== 'sentinel'
  ) {
    // Only the sentinels know which replicas a failover could promote.
    throw new RedisUrlError(
      "waitReplicas 'all' needs a redis+sentinel:// URL; give a number of replicas otherwise.",
    );
  }
  return replicas;
}
