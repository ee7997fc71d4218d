import { withRedisDeadline } from '../connection/with-redis-deadline';
import type { QueueNaming } from '../queue-name';
import { encryptionMarkerKey } from '../keys';
import type { JobStore } from '../job-store';

/**
 * Redis keeps one sign that encryption at rest is on under a prefix: the
 * id of the key that seals, written by every worker and API that starts
 * with a key ring and by `inspector reseal`. A process without the ring (an
 * inspector run without the variable) reads it to refuse to store a
 * sensitive field in clear next to sealed ones.
 *
 * Nothing removes it: a worker without a ring may simply serve types that
 * need none. After turning encryption off for good, delete the key by hand
 * (`DEL <prefix>:encryption`). Its name: store/keys.ts.
 */
/** How long {@link recordEncryptionOn} waits for Redis. */
const MARKER_DEADLINE_MS = 5_000;

/** Something that can SET and GET: a JobStore's or a worker's client. */
interface MarkerClient {
  set(key: string, value: string): Promise<unknown>;
  get(key: string): Promise<string | null>;
}

/** Records that values under `naming` are sealed with key `keyId`. */
export async function recordEncryptionMarker(
  client: MarkerClient,
  naming: QueueNaming,
  keyId: string,
): Promise<void> {
  await client.set(encryptionMarkerKey(naming), keyId);
}

/**
 * Records that encryption is on with the key `queues` seals with; does
 * nothing when `queues` has no cipher. The API calls it at start-up, so an
 * inspector without the ring refuses clear writes before any worker ran.
 */
export async function recordEncryptionOn(queues: JobStore): Promise<void> {
  const { cipher } = queues;
  if (!cipher) return;
  // A start-up write on a connection still being made: the request
  // deadline is too short for that on a busy machine.
  await withRedisDeadline(
    queues.connection,
    () =>
      recordEncryptionMarker(
        queues.connection,
        queues.naming,
        cipher.sealingKeyId,
      ),
    MARKER_DEADLINE_MS,
  );
}

/** The id of the key that seals, or null when encryption is not on. */
export function encryptionMarkerOf(queues: JobStore): Promise<string | null> {
  return queues.runWithDeadline(() =>
    queues.connection.get(encryptionMarkerKey(queues.naming)),
  );
}
