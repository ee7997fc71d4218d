import { hkdfSync } from 'node:crypto';

/**
 * The idempotency secret of a process given none and no encryption key: a
 * fixed, public value. It is no weaker than what it protects there, since
 * without encryption the payload itself is stored in clear beside the
 * record; the API refuses it in production when encryption is on.
 */
export const DEV_IDEMPOTENCY_SECRET = 'errand-development-idempotency-secret';

/**
 * A 32-byte idempotency secret derived (HKDF-SHA-256) from the payload
 * encryption key material, for a process given no `IDEMPOTENCY_SECRET`: as secret as
 * the key, the same on every replica that shares it, and unrelated to the
 * key itself (knowing one reveals nothing of the other).
 */
export function deriveIdempotencySecret(encryptionKey: Buffer): Buffer {
  return Buffer.from(
    hkdfSync('sha256', encryptionKey, '', 'errand idempotency body hmac', 32),
  );
}
