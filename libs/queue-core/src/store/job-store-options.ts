import type { ConnectionRole } from './connection/create-redis-connection';
import type { Retention } from './job-options';
import type { LimitDefaults } from './limits/limits-config';
import type { QueueNaming } from './queue-name';
import type { PayloadCipher } from './security/payload-cipher';

/** How to open the queues. */
export interface JobStoreOptions extends Partial<QueueNaming> {
  /** A Redis URL of any topology (see connection/redis-target.ts). */
  redisUrl: string;
  /** @defaultValue `'producer'`: fail fast */
  role?: ConnectionRole;
  /** Seals sensitive payload fields before they are stored. */
  cipher?: PayloadCipher;
  /**
   * Signs job callbacks (`CALLBACK_SIGNING_SECRET`, store/callback/): the
   * secret of the `webhook.deliver` jobs that carry them. @defaultValue
   * none: requests with a callback are refused, and no callback is sent
   */
  callbackSecret?: string;
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
  /**
   * Each type's flow limits when none are set at run time (the catalog's,
   * or `JOB_TYPE_LIMITS`); the producer holds keyed jobs at enqueue by
   * their per-key cap (producer/hold-keyed-jobs.ts).
   * @defaultValue the catalog's
   */
  limitDefaults?: LimitDefaults;
}
