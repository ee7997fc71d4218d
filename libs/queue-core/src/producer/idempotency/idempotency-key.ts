import { createHash } from 'node:crypto';
import type { JobType } from '@errand/contracts';
import { queueNameFor, type QueueNaming } from '../../store/queue-name';

/**
 * The Redis key of an idempotency record. The client's key is stored only
 * as its SHA-256 (it may carry something the client considers private), and
 * the hash is a Redis Cluster hash tag of its own, so records spread over
 * slots and each command touches one key. With a `scope` (the API key's
 * name) one client's keys never meet another's: the same key sent by two
 * clients names two records, so neither learns of the other's job.
 */
export function idempotencyRecordKey(
  key: string,
  naming: QueueNaming,
  scope?: string,
): string {
  const scoped = scope === undefined ? key : `${scope}\u0000${key}`;
  const digest = createHash('sha256').update(scoped).digest('hex');
  return `${naming.prefix}:idempotency:{${digest}}`;
}

/**
 * The sorted set of a type's live idempotency records, each scored with the
 * time its window ends, so the queue cap can count them (see
 * `countIdempotencyRecords`).
 */
export function idempotencyIndexKey(
  type: JobType,
  naming: QueueNaming,
): string {
  return `${naming.prefix}:idempotency-index:${queueNameFor(type, naming)}`;
}
