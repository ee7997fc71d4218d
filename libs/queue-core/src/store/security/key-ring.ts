import type { SealingKey } from './sealed-value';

// A key ring lists keys newest first: the first seals, every one opens, so
// a key can be added (to open), promoted (to seal) and retired (once
// `inspector reseal` moved everything off it) without a job failing.

const KEY_ID = /^[A-Za-z0-9_-]{1,32}$/;
/** The id of the key given alone (`PAYLOAD_ENCRYPTION_KEY`). */
export const SINGLE_KEY_ID = 'default';

/** Throws unless the ring is usable: ids well-formed and unique, keys 32 bytes. */
export function checkRing(keys: readonly SealingKey[]): void {
  if (keys.length === 0) throw new Error('The key ring is empty.');
  const seen = new Set<string>();
  for (const { id, key } of keys) {
    if (!KEY_ID.test(id)) {
      throw new Error(
        `The key id "${id}" must be 1–32 letters, digits, _ or -.`,
      );
    }
    if (seen.has(id)) throw new Error(`The key id "${id}" is given twice.`);
    seen.add(id);
    if (key.length !== 32) {
      throw new Error(`The payload encryption key "${id}" must be 32 bytes.`);
    }
  }
}
