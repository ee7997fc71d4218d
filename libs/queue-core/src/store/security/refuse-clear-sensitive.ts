import { mapSensitive, sensitivePayloadSchemaOf } from '@errand/contracts';
import type { JobStore } from '../job-store';
import { EncryptionKeyMissingError } from './encryption-key-missing-error';
import { encryptionMarkerOf } from './encryption-marker';
import { isSealed } from './sealed-value';

/** The paths of the sensitive fields of `value` that are set and not sealed. */
export function clearSensitivePaths(type: string, value: unknown): string[] {
  const schema = sensitivePayloadSchemaOf(type);
  if (!schema) return [];
  const paths: string[] = [];
  mapSensitive(schema, value, (field, path) => {
    if (field !== null && !isSealed(field)) paths.push(path);
    return field;
  });
  return paths;
}

/** The paths of the sensitive fields of `value` that are sealed. */
export function sealedPaths(type: string, value: unknown): string[] {
  const schema = sensitivePayloadSchemaOf(type);
  if (!schema) return [];
  const paths: string[] = [];
  mapSensitive(schema, value, (field, path) => {
    if (isSealed(field)) paths.push(path);
    return field;
  });
  return paths;
}

/**
 * Throws an {@link EncryptionKeyMissingError} when `value` (a payload of
 * `type`, or a merge patch of one) would put a sensitive field in Redis in
 * clear while encryption at rest is on, that is: `queues` has no cipher,
 * the value sets a sensitive field, and a worker has recorded that
 * encryption is on (encryption-marker.ts). Costs a Redis read only then.
 */
export async function refuseClearSensitive(
  queues: JobStore,
  type: string,
  value: unknown,
): Promise<void> {
  if (queues.cipher) return;
  const paths = clearSensitivePaths(type, value);
  if (paths.length === 0) return;
  const keyId = await encryptionMarkerOf(queues);
  if (keyId !== null) {
    throw EncryptionKeyMissingError.forFields(type, paths, keyId);
  }
}
