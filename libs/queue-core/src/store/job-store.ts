import { AsyncLocalStorage } from 'node:async_hooks';
import { FlowProducer, Queue } from 'bullmq';
import { jobTypes, type JobType } from '@errand/contracts';
import type { Redis } from 'ioredis';
import { createRedisConnection } from './connection/create-redis-connection';
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
  flowShardOf,
  flowShardsOf,
  queueNameFor,
  type QueueNaming,
} from './queue-name';
import {
  catalogLimitDefaults,
  type LimitDefaults,
} from './limits/limits-config';

import type { JobStoreOptions } from './job-store-options';

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
  readonly callbackSecret?: string;
  readonly retention: Retention;
  readonly limitDefaults: LimitDefaults;
  readonly waitReplicas: number | 'all';
  private readonly promotable?: PromotableReplicas;
  /** Opened queues by name. */
  private readonly queues = new Map<string, Queue>();
  private flows?: FlowProducer;
  /** When the current request's Redis time runs out (ms since the epoch). */
  private readonly requestDeadline = new AsyncLocalStorage<number>();
  /** Sockets the connection has closed: a WAIT counts one socket's writes. */
  private socketsClosed = 0;

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
      ...(options.flowShards !== undefined && {
        flowShards: options.flowShards,
      }),
    };
    this.connection = createRedisConnection(
      options.role ?? 'producer',
      options.redisUrl,
    );
    // Errors surface on the commands that hit them; without a listener
    // ioredis would print every failed reconnect.
    this.connection.on('error', () => undefined);
    this.connection.on('close', () => {
      this.socketsClosed += 1;
    });
    this.deadlineMs = options.deadlineMs ?? 800;
    this.cipher = options.cipher;
    this.callbackSecret = options.callbackSecret;
    this.retention = options.retention ?? DEFAULT_RETENTION;
    this.limitDefaults = options.limitDefaults ?? catalogLimitDefaults;
  }

  /**
   * The queue that holds jobs of `type`: its own, or on a cluster its queue
   * in flow shard `shard` (queue-name.ts), where a flow's nodes are.
   */
  queueFor(type: JobType, shard?: number): Queue {
    const name = queueNameFor(type, this.naming, shard);
    let queue = this.queues.get(name);
    if (!queue) {
      queue = new Queue(name, {
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
        if (this.queues.get(name) === opened) this.queues.delete(name);
      });
      this.queues.set(name, queue);
    }
    return queue;
  }

  /**
   * Every queue that can hold jobs of `type`: its own first, then on a
   * cluster its queue in each flow shard. What lists, counts or sweeps a
   * type's jobs reads them all; one Redis has only the first.
   */
  queuesOf(type: JobType): Queue[] {
    return [
      this.queueFor(type),
      ...flowShardsOf(this.naming).map(shard => this.queueFor(type, shard)),
    ];
  }

  /**
   * The shard of the flow whose root is `flowId`: its nodes all go to that
   * shard's queues. Undefined on one Redis, where they go to their types'.
   */
  flowShardOf(flowId: string): number | undefined {
    return flowShardOf(this.naming, flowId);
  }

  /**
   * BullMQ's producer of flows (trees of jobs across the queues, stored in
   * one transaction), over the same connection; opened on first use.
   */
  flowProducer(): FlowProducer {
    if (!this.flows) {
      this.flows = new FlowProducer({
        connection: this.connection,
        prefix: this.naming.prefix,
      });
      this.flows.on('error', () => undefined);
    }
    return this.flows;
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
   * `deadlineMs` gives a bulk read (a flow's 10 000 nodes) more time.
   */
  runWithDeadline<T>(
    operation: () => Promise<T>,
    deadlineMs?: number,
  ): Promise<T> {
    return withRedisDeadline(
      this.connection,
      operation,
      this.remainingMs(deadlineMs),
    );
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
      ? async () => {
          const socket = this.socketsClosed;
          const result = await operation();
          await this.replicated(budget - (Date.now() - startedAt));
          // WAIT counts the writes of the socket it is sent on. ioredis
          // resends a command that was in flight when it reconnects (a
          // failover makes it reconnect), so a WAIT can reach the new master
          // on a socket that wrote nothing and answer at once: the write
          // on the old master, acknowledged and then discarded. A write
          // whose socket closed before its WAIT answered is not promised.
          if (this.socketsClosed !== socket) {
            throw new QueueUnavailableError(
              'the connection to Redis changed between the write and its replication check; the job may be stored, so retry with the same Idempotency-Key',
            );
          }
          return result;
        }
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
    await this.flows?.close();
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
