import { mapSensitive, sensitivePayloadSchemaOf } from '@errand/contracts';
import { checkRing, SINGLE_KEY_ID } from './key-ring';
import { payloadDigestOf } from './payload-digest';
import { PayloadDecryptionError } from './payload-decryption-error';
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
export { PayloadDecryptionError } from './payload-decryption-error';
export { SINGLE_KEY_ID } from './key-ring';

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
 * as they are. Values in the v1 format open unless `openV1` is false.
 */
export interface PayloadCipher {
  /** The id of the ring's newest key, the one that seals. */
  readonly sealingKeyId: string;
  /** Whether values in the v1 format open (see {@link CipherOptions}). */
  readonly opensV1: boolean;
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

/** How a cipher treats values sealed before the current format. */
export interface CipherOptions {
  /**
   * Open values in the v1 format (no key id, no additional data). They
   * are bound to no job, so one copied into another job's field opens
   * there too: turn this off (PAYLOAD_ENCRYPTION_OPEN_V1=false) once
   * `inspector reseal` finds none left. The next major version turns it
   * off by default. @defaultValue true
   */
  openV1?: boolean;
}

/**
 * A cipher over a key ring, newest key first: the first seals, all open. A
 * lone Buffer is a ring of one key with id {@link SINGLE_KEY_ID}.
 */
export function createPayloadCipher(
  keys: Buffer | readonly SealingKey[],
  { openV1 = true }: CipherOptions = {},
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
        if (!openV1) {
          throw new PayloadDecryptionError(
            `A sensitive field (${field}) is in the v1 format, which is bound to no job, and PAYLOAD_ENCRYPTION_OPEN_V1=false refuses it: it was stored before v2 and never resealed (set PAYLOAD_ENCRYPTION_OPEN_V1=true and run inspector reseal), or copied here from another job.`,
          );
        }
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
  // Types without sensitive fields cost nothing: no digest, no copy.
  const walk = (
    scope: SealScope,
    payload: unknown,
    replace: (value: unknown, path: string, digest: string) => unknown,
  ) => {
    const schema = sensitivePayloadSchemaOf(scope.type);
    if (!schema) return payload;
    const digest = payloadDigestOf(scope.type, payload);
    return mapSensitive(schema, payload, (value, path) =>
      replace(value, path, digest),
    );
  };

  return {
    sealingKeyId: newest.id,
    opensV1: openV1,
    seal: (scope, payload) =>
      walk(scope, payload, (value, path, digest) =>
        sealValue(newest, value, contextOf(scope, digest, path)),
      ),
    open: (scope, payload) =>
      walk(scope, payload, (value, path, digest) =>
        openValue(scope, digest, value, path),
      ),
    reseal(scope, payload) {
      let changed = false;
      const current = `${SEALED_V2}${newest.id}:`;
      const resealed = walk(scope, payload, (value, path, digest) => {
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
