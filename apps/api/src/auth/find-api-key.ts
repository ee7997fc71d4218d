import { createHash, timingSafeEqual } from 'node:crypto';
import type { ApiKey } from './api-key';

/** The SHA-256 of a key, as `API_KEYS` stores it. */
export function hashApiKey(key: string): Buffer {
  return createHash('sha256').update(key, 'utf8').digest();
}

/**
 * The configured key that `presented` is, if any. Keys are high-entropy
 * random strings, so one SHA-256 is enough (no slow KDF needed). Every
 * configured hash is compared with `timingSafeEqual`, all of them each
 * time, so the time taken says nothing about which (or whether one)
 * matched.
 */
export function findApiKey(
  keys: readonly ApiKey[],
  presented: string,
): ApiKey | undefined {
  const hash = hashApiKey(presented);
  let found: ApiKey | undefined;
  for (const key of keys) {
    if (timingSafeEqual(key.hash, hash) && !found) found = key;
  }
  return found;
}
