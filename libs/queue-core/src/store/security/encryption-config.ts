import { Type } from '@sinclair/typebox';
import { ErrandError, ErrorCode } from '@errand/contracts';
import {
  createPayloadCipher,
  SINGLE_KEY_ID,
  type PayloadCipher,
} from './payload-cipher';
import type { SealingKey } from './sealed-value';

const KEY = '[A-Za-z0-9+/]{43}=';
const ENTRY = `[A-Za-z0-9_-]{1,32}:${KEY}`;

/** The variables that turn on encryption at rest of sensitive fields. */
export const EncryptionConfig = {
  PAYLOAD_ENCRYPTION_KEYS: Type.Optional(
    Type.String({
      pattern: `^${ENTRY}(,${ENTRY})*$`,
      description:
        'A key ring, newest first: `id:base64key,id:base64key` (each key 32 bytes, openssl rand -base64 32). The first key seals, every key opens; the API, the workers and the inspector need the same ring. See docs/security.md for rotation.',
    }),
  ),
  PAYLOAD_ENCRYPTION_KEY: Type.Optional(
    Type.String({
      pattern: `^${KEY}$`,
      description:
        'A single 32-byte key in base64: a ring of one key, with id `default`. Not with PAYLOAD_ENCRYPTION_KEYS.',
    }),
  ),
  PAYLOAD_ENCRYPTION_OPEN_V1: Type.Optional(
    Type.Boolean({
      default: true,
      description:
        'true opens values sealed before v2 (`errand:enc:v1:`, bound to no job: one copied into another job in Redis opens there too); false refuses them (the job is dead-lettered). Set false on the workers, the API and the inspector once `inspector reseal` reports no v1 value left; the next major version makes false the default.',
    }),
  ),
};

/** The encryption settings of a loaded config. */
export interface EncryptionSettings {
  PAYLOAD_ENCRYPTION_KEYS?: string;
  PAYLOAD_ENCRYPTION_KEY?: string;
  /** Unset counts as true. */
  PAYLOAD_ENCRYPTION_OPEN_V1?: boolean;
}

/** The ring a `PAYLOAD_ENCRYPTION_KEYS` value names, newest first. */
function parseKeyRing(value: string): SealingKey[] {
  return value.split(',').map(entry => {
    const at = entry.indexOf(':');
    return {
      id: entry.slice(0, at),
      key: Buffer.from(entry.slice(at + 1), 'base64'),
    };
  });
}

/**
 * The cipher for the configured key ring, or undefined when encryption at
 * rest is off. The API, the workers and the inspector all build theirs
 * here, so they read the same variables the same way.
 */
export function payloadCipherFrom(
  settings: EncryptionSettings,
): PayloadCipher | undefined {
  const {
    PAYLOAD_ENCRYPTION_KEYS: ring,
    PAYLOAD_ENCRYPTION_KEY: key,
    PAYLOAD_ENCRYPTION_OPEN_V1: openV1 = true,
  } = settings;
  if (ring && key) {
    throw new ErrandError(
      ErrorCode.configInvalid,
      `Set PAYLOAD_ENCRYPTION_KEYS or PAYLOAD_ENCRYPTION_KEY, not both: to keep the single key in a ring, list it as "${SINGLE_KEY_ID}:<key>".`,
    );
  }
  try {
    if (ring) return createPayloadCipher(parseKeyRing(ring), { openV1 });
    return key
      ? createPayloadCipher(Buffer.from(key, 'base64'), { openV1 })
      : undefined;
  } catch (error) {
    throw new ErrandError(
      ErrorCode.configInvalid,
      `PAYLOAD_ENCRYPTION_KEYS: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}
