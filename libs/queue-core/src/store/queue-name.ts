import type { JobType } from '@errand/contracts';

/** How queue names are written. */
export interface QueueNaming {
  /** Namespaces every key: `<prefix>:<queue>:<key>`. @defaultValue `errand` */
  prefix: string;
  /**
   * Wrap each queue name in a Redis Cluster hash tag (`{email.send}`), so all
   * of one queue's keys share a slot while different types spread across
   * slots. @defaultValue false
   */
  hashTag?: boolean;
}

/** The default key prefix. */
export const DEFAULT_QUEUE_PREFIX = 'errand';

/**
 * One queue per job type, named after it. Types are dotted (`email.send`),
 * which BullMQ accepts where it rejects `:`.
 */
export function queueNameFor(type: JobType, naming: QueueNaming): string {
  return naming.hashTag ? `{${type}}` : type;
}
