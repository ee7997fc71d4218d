import {
  DEV_IDEMPOTENCY_SECRET,
  deriveIdempotencySecret,
} from '@errand/queue-core';
import { ConfigError } from '@errand/runtime';
import { isDevelopmentEnvironment } from '../auth/access-config';

/** The variables the idempotency secret is read from. */
export interface IdempotencySettings {
  IDEMPOTENCY_SECRET?: string;
  NODE_ENV?: string;
  /** The encryption key ring or single key: either turns encryption on. */
  PAYLOAD_ENCRYPTION_KEYS?: string;
  PAYLOAD_ENCRYPTION_KEY?: string;
}

/**
 * The secret that keys the HMAC of idempotent request bodies:
 * `IDEMPOTENCY_SECRET` when set; else, with encryption on, one derived from
 * the encryption key setting in development and test (it changes whenever that
 * setting does), and a {@link ConfigError} naming
 * the variable in production (a secret that changes with the encryption
 * key would turn every in-flight key into a conflict at rotation); else the
 * fixed development secret, no weaker there than the plain payload stored
 * beside the record.
 */
export function idempotencySecretFrom({
  IDEMPOTENCY_SECRET,
  NODE_ENV,
  PAYLOAD_ENCRYPTION_KEYS,
  PAYLOAD_ENCRYPTION_KEY,
}: IdempotencySettings): Buffer {
  const encryptionKey = PAYLOAD_ENCRYPTION_KEYS ?? PAYLOAD_ENCRYPTION_KEY;
  if (IDEMPOTENCY_SECRET) return Buffer.from(IDEMPOTENCY_SECRET, 'utf8');
  if (!encryptionKey) return Buffer.from(DEV_IDEMPOTENCY_SECRET, 'utf8');
  if (!isDevelopmentEnvironment(NODE_ENV)) {
    throw new ConfigError([
      {
        path: 'IDEMPOTENCY_SECRET',
        message:
          'required when payload encryption is on, unless NODE_ENV is development or test; make one with `openssl rand -base64 32` and give every API replica the same one',
      },
    ]);
  }
  // The setting as written holds every key's secret bytes: HKDF takes it
  // whole, whatever its format.
  return deriveIdempotencySecret(Buffer.from(encryptionKey, 'utf8'));
}
