import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/**
 * The format of one sealed value (AES-256-GCM), a string in JSON:
 *
 *   errand:enc:v2:<key id>:<iv>:<tag>:<ciphertext>     (base64 parts)
 *
 * - the key id names the ring key that sealed it, so keys can rotate;
 * - the 12-byte IV is random; the tag is always 16 bytes, and no other
 *   length is accepted (GCM would otherwise verify a cut tag);
 * - the plaintext is the value's JSON padded with spaces to a multiple of
 *   {@link PAD_BYTES}, so a short secret's length does not show;
 * - the additional data is the version, key id, job type, binding (job or
 *   scheduler id), the field's path and a digest of the payload's other
 *   fields, so the value opens only where, and beside what, it was sealed.
 *
 * `errand:enc:v1:<iv>:<tag>:<ciphertext>` is the format written before key
 * ids and additional data: opened (with any ring key, 16-byte tags only)
 * while PAYLOAD_ENCRYPTION_OPEN_V1 is true, its default until the next
 * major version; `inspector reseal` rewrites them, and says when none is
 * left so the operator can set it to false.
 */
export const SEALED_V2 = 'errand:enc:v2:';
/** The format before key ids, additional data and padding. */
export const SEALED_V1 = 'errand:enc:v1:';

/** Plaintexts are padded to a multiple of this many bytes. */
const PAD_BYTES = 32;
const TAG_BYTES = 16;
const IV_BYTES = 12;
const ALGORITHM = 'aes-256-gcm';

/** One key of a ring: its id is written in front of what it seals. */
export interface SealingKey {
  /** 1–32 letters, digits, `_` or `-`. */
  id: string;
  /** 32 bytes. */
  key: Buffer;
}

/** The parts of a stored sealed value. */
export interface SealedParts {
  version: 1 | 2;
  /** Absent in v1, which had no key ids. */
  keyId?: string;
  iv: Buffer;
  tag: Buffer;
  data: Buffer;
}

/** Why a sealed value does not open, without its content. */
export class SealedValueError extends Error {
  override name = 'SealedValueError';
}

/** True for a string in either sealed format. */
export function isSealed(value: unknown): value is string {
  return (
    typeof value === 'string' &&
    (value.startsWith(SEALED_V2) || value.startsWith(SEALED_V1))
  );
}

function pad(plain: Buffer): Buffer {
  const size = Math.max(
    PAD_BYTES,
    Math.ceil(plain.length / PAD_BYTES) * PAD_BYTES,
  );
  // Spaces: JSON allows trailing whitespace, and a JSON value never ends
  // in one, so stripping them gives the value back exactly.
  return Buffer.concat([plain, Buffer.alloc(size - plain.length, 0x20)]);
}

/** The additional data of a v2 value. */
export function additionalData(keyId: string, context: readonly string[]) {
  return Buffer.from(JSON.stringify([SEALED_V2, keyId, ...context]), 'utf8');
}

/** Seals `value` under `key`, bound to `context` (type, binding, path). */
export function sealValue(
  { id, key }: SealingKey,
  value: unknown,
  context: readonly string[],
): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv(ALGORITHM, key, iv, {
    authTagLength: TAG_BYTES,
  });
  cipher.setAAD(additionalData(id, context));
  const plain = pad(Buffer.from(JSON.stringify(value), 'utf8'));
  const data = Buffer.concat([cipher.update(plain), cipher.final()]);
  const parts = [iv, cipher.getAuthTag(), data].map(b => b.toString('base64'));
  return `${SEALED_V2}${id}:${parts.join(':')}`;
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

function decode(part: string | undefined): Buffer {
  if (part === undefined || !BASE64.test(part)) {
    throw new SealedValueError('it is not a well-formed sealed value');
  }
  return Buffer.from(part, 'base64');
}

/** Splits a sealed string, checking the IV and tag lengths. */
export function parseSealed(value: string): SealedParts {
  const v2 = value.startsWith(SEALED_V2);
  const rest = value.slice((v2 ? SEALED_V2 : SEALED_V1).length).split(':');
  const keyId = v2 ? rest.shift() : undefined;
  if (rest.length !== 3) {
    throw new SealedValueError('it is not a well-formed sealed value');
  }
  const [iv, tag, data] = rest.map(decode);
  if (iv.length !== IV_BYTES) {
    throw new SealedValueError(`its IV is ${iv.length} bytes, not ${IV_BYTES}`);
  }
  if (tag.length !== TAG_BYTES) {
    throw new SealedValueError(
      `its authentication tag is ${tag.length} bytes; only ${TAG_BYTES}-byte tags are accepted`,
    );
  }
  return { version: v2 ? 2 : 1, keyId, iv, tag, data };
}

/**
 * Opens parsed parts with `key` and the given additional data (none for
 * v1); throws when the tag does not verify.
 */
export function openParts(
  parts: SealedParts,
  key: Buffer,
  aad: Buffer | undefined,
): unknown {
  const decipher = createDecipheriv(ALGORITHM, key, parts.iv, {
    authTagLength: TAG_BYTES,
  });
  if (aad) decipher.setAAD(aad);
  decipher.setAuthTag(parts.tag);
  const plain = Buffer.concat([decipher.update(parts.data), decipher.final()]);
  return JSON.parse(plain.toString('utf8'));
}
