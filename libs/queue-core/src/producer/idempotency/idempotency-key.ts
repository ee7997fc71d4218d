import { createHash } from 'node:crypto';
import type { QueueNaming } from '../../store/queue-name';
import { idempotencyRecordKeyOf } from '../../store/keys';

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
  return idempotencyRecordKeyOf(naming, digest);
}
