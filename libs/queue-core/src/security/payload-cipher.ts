import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { mapSensitive, sensitivePayloadSchemaOf } from '@errand/contracts';

/**
 * Encryption at rest of sensitive payload fields (AES-256-GCM). The API
 * seals them before a job is stored; only the worker, which holds the same
 * key, opens them before validating the payload. Everything else (the
 * inspector, `GET /jobs/:id`, Redis itself) only ever sees ciphertext.
 *
 * A sealed value is one string: `errand:enc:v1:<iv>:<tag>:<ciphertext>`
 * (base64), the JSON of the original value inside. Values stored before
 * encryption was turned on are plain, and are opened as they are.
 */
export interface PayloadCipher {
  seal(type: string, payload: unknown): unknown;
  open(type: string, payload: unknown): unknown;
}

const PREFIX = 'errand:enc:v1:';

/** Thrown when a sealed value does not open: wrong key, or tampered with. */
export class PayloadDecryptionError extends Error {
  override name = 'PayloadDecryptionError';
}

/** A cipher over a 32-byte key. */
export function createPayloadCipher(key: Buffer): PayloadCipher {
  if (key.length !== 32) {
    throw new Error('The payload encryption key must be 32 bytes.');
  }
  const sealValue = (value: unknown): string => {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', key, iv);
    const plain = Buffer.from(JSON.stringify(value), 'utf8');
    const sealed = Buffer.concat([cipher.update(plain), cipher.final()]);
    const parts = [iv, cipher.getAuthTag(), sealed].map(b =>
      b.toString('base64'),
    );
    return PREFIX + parts.join(':');
  };
  const openValue = (value: unknown): unknown => {
    if (typeof value !== 'string' || !value.startsWith(PREFIX)) return value;
    const [iv, tag, sealed] = value
      .slice(PREFIX.length)
      .split(':')
      .map(part => Buffer.from(part, 'base64'));
    try {
      const decipher = createDecipheriv('aes-256-gcm', key, iv);
      decipher.setAuthTag(tag);
      const plain = Buffer.concat([decipher.update(sealed), decipher.final()]);
      return JSON.parse(plain.toString('utf8'));
    } catch {
      throw new PayloadDecryptionError(
        'A sensitive field does not decrypt with PAYLOAD_ENCRYPTION_KEY (a different key, or tampered data).',
      );
    }
  };
  return {
    seal(type, payload) {
      const schema = sensitivePayloadSchemaOf(type);
      return schema ? mapSensitive(schema, payload, sealValue) : payload;
    },
    open(type, payload) {
      const schema = sensitivePayloadSchemaOf(type);
      return schema ? mapSensitive(schema, payload, openValue) : payload;
    },
  };
}
