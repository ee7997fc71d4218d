import { mapSensitive, sensitivePayloadSchemaOf } from '@errand/contracts';
import { payloadDigestOf } from './payload-digest';
import { bindingOf, type SealScope } from './seal-scope';
import {
  isSealed,
  openParts,
  additionalData,
  parseSealed,
  sealValue,
  SealedValueError,
  SEALED_V2,
  type SealingKey,
} from './sealed-value';

export type { SealScope } from './seal-scope';
export type { SealingKey } from './sealed-value';

/**
 * Encryption at rest of sensitive payload fields (AES-256-GCM, format in
 * sealed-value.ts). Producers seal them before a job is stored, bound to
 * the job's type, id, the field's path and the payload's other fields
 * (seal-scope.ts, payload-digest.ts); only holders of the key ring
 * (the worker, the API and the inspector for patches) open them, with the
 * same scope. Everything else (listings, `GET /jobs/:id`, Redis itself)
 * only ever sees ciphertext.
 *
 * Values stored before encryption was turned on are plain, and are opened
 * as they are.
 */
export interface PayloadCipher {
  /** The id of the ring's newest key, the one that seals. */
  readonly sealingKeyId: string;
  /** The payload with every sensitive field sealed for `scope`. */
  seal(scope: SealScope, payload: unknown): unknown;
  /** The payload with every sealed field opened; throws if one won't. */
  open(scope: SealScope, payload: unknown): unknown;
  /**
   * The payload with every sensitive field sealed under the newest key in
   * the current format: older keys, the v1 format and plain values are
   * sealed again; `changed` is false when nothing needed it.
   */
  reseal(
    scope: SealScope,
    payload: unknown,
  ): { payload: unknown; changed: boolean };
}

/** Thrown when a sealed value does not open: wrong key, or tampered with. */
export class PayloadDecryptionError extends Error {
  override name = 'PayloadDecryptionError';
}

const KEY_ID = /^[A-Za-z0-9_-]{1,32}$/;
/** The id of the key given alone (`PAYLOAD_ENCRYPTION_KEY`). */
export const SINGLE_KEY_ID = 'default';

function checkRing(keys: readonly SealingKey[]): void {
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

/**
 * A cipher over a key ring, newest key first: the first seals, all open. A
 * lone Buffer is a ring of one key with id {@link SINGLE_KEY_ID}.
 */
export function createPayloadCipher(
  keys: Buffer | readonly SealingKey[],
): PayloadCipher {
  const ring = Buffer.isBuffer(keys)
    ? [{ id: SINGLE_KEY_ID, key: keys }]
    : keys;
  checkRing(ring);
  const [newest] = ring;
  const byId = new Map(ring.map(k => [k.id, k.key]));

  // What a value is bound to: its type, job, field, and the rest of the
  // payload it was sealed with (payload-digest.ts).
  const contextOf = (scope: SealScope, digest: string, path: string) => [
    scope.type,
    bindingOf(scope),
    path,
    digest,
  ];
  const openValue = (
    scope: SealScope,
    digest: string,
    value: unknown,
    path: string,
  ) => {
    if (!isSealed(value)) return value;
    const field = path || '/';
    try {
      const parts = parseSealed(value);
      if (parts.version === 1) {
        // No key id, no additional data: whichever key opens it.
        for (const { key } of ring) {
          try {
            return openParts(parts, key, undefined);
          } catch {
            // the next key
          }
        }
        throw new SealedValueError('no key of the ring opens it');
      }
      const keyId = parts.keyId ?? '';
      const key = byId.get(keyId);
      if (!key) {
        throw new PayloadDecryptionError(
          `A sensitive field (${field}) was sealed under key id "${keyId}", which the key ring (PAYLOAD_ENCRYPTION_KEYS) does not hold: add that key back.`,
        );
      }
      try {
        return openParts(
          parts,
          key,
          additionalData(keyId, contextOf(scope, digest, path)),
        );
      } catch {
        throw new SealedValueError(
          "it does not belong to this job type, job and field, the job's other fields changed, or it was sealed with another key or tampered with",
        );
      }
    } catch (error) {
      if (error instanceof PayloadDecryptionError) throw error;
      const reason =
        error instanceof SealedValueError ? error.message : 'it is malformed';
      throw new PayloadDecryptionError(
        `A sensitive field (${field}) does not open: ${reason}.`,
      );
    }
  };
  const walk = (
    scope: SealScope,
    payload: unknown,
    replace: (value: unknown, path: string) => unknown,
  ) => {
    const schema = sensitivePayloadSchemaOf(scope.type);
    return schema ? mapSensitive(schema, payload, replace) : payload;
  };

  return {
    sealingKeyId: newest.id,
    seal(scope, payload) {
      const digest = payloadDigestOf(scope.type, payload);
      return walk(scope, payload, (value, path) =>
        sealValue(newest, value, contextOf(scope, digest, path)),
      );
    },
    open(scope, payload) {
      const digest = payloadDigestOf(scope.type, payload);
      return walk(scope, payload, (value, path) =>
        openValue(scope, digest, value, path),
      );
    },
    reseal(scope, payload) {
      const digest = payloadDigestOf(scope.type, payload);
      let changed = false;
      const current = `${SEALED_V2}${newest.id}:`;
      const resealed = walk(scope, payload, (value, path) => {
        if (typeof value === 'string' && value.startsWith(current)) {
          // Opened to prove it belongs here; kept as it is.
          openValue(scope, digest, value, path);
          return value;
        }
        changed = true;
        const opened = openValue(scope, digest, value, path);
        return sealValue(newest, opened, contextOf(scope, digest, path));
      });
      return { payload: changed ? resealed : payload, changed };
    },
  };
}
