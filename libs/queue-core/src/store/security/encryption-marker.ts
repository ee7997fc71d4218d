import type { QueueNaming } from '../queue-name';
import type { JobStore } from '../job-store';

/**
 * Redis keeps one sign that encryption at rest is on under a prefix: the
 * id of the key that seals, written by every worker that starts with a
 * key ring and by `inspector reseal`. A process without the ring (an
 * inspector run without the variable) reads it to refuse to store a
 * sensitive field in clear next to sealed ones.
 *
 * Nothing removes it: a worker without a ring may simply serve types that
 * need none. After turning encryption off for good, delete the key by hand
 * (`DEL <prefix>:encryption`).
 */
export function encryptionMarkerKeyFor({ prefix, hashTag }: QueueNaming) {
  return hashTag ? `${prefix}:{encryption}` : `${prefix}:encryption`;
}

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
  await client.set(encryptionMarkerKeyFor(naming), keyId);
}

/** The id of the key that seals, or null when encryption is not on. */
export function encryptionMarkerOf(queues: JobStore): Promise<string | null> {
  return queues.runWithDeadline(() =>
    queues.connection.get(encryptionMarkerKeyFor(queues.naming)),
  );
}
