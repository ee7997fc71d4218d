import type { QueueNaming } from '../../store/queue-name';

/**
 * The audit log's Redis key, under the queue prefix. One key, so it is
 * cluster-safe as is; with hash tags on it gets its own slot tag like the
 * queues do.
 */
export function auditKeyFor({ prefix, hashTag }: QueueNaming): string {
  return hashTag ? `${prefix}:{audit}` : `${prefix}:audit`;
}
