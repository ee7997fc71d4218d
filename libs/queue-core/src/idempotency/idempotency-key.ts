import { createHash } from 'node:crypto';
import { ErrandError, ErrorCode, type JobType } from '@errand/contracts';
import { queueNameFor, type QueueNaming } from '../naming/queue-name';

/** The header a client sends to make `POST /enqueue` safe to repeat. */
export const IDEMPOTENCY_HEADER = 'Idempotency-Key';

/** 1 to 255 printable ASCII characters (space to `~`), as in Stripe's API. */
const VALID_KEY = /^[\x20-\x7e]{1,255}$/;

/**
 * Reads the `Idempotency-Key` header: `undefined` when absent, the key when
 * valid, and a `request.invalidParameter` error naming the header otherwise.
 */
export function parseIdempotencyKey(
  header: string | undefined,
): string | undefined {
  if (header === undefined) return undefined;
  if (VALID_KEY.test(header)) return header;
  const message = 'Must be 1 to 255 printable ASCII characters';
  throw new ErrandError(
    ErrorCode.invalidParameter,
    `The ${IDEMPOTENCY_HEADER} header is invalid: ${message.toLowerCase()}.`,
    [{ path: `/headers/${IDEMPOTENCY_HEADER.toLowerCase()}`, message }],
  );
}

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
