import { Type } from '@sinclair/typebox';
import { createPayloadCipher, type PayloadCipher } from './payload-cipher';

/** The variable that turns on encryption at rest of sensitive fields. */
export const EncryptionConfig = {
  PAYLOAD_ENCRYPTION_KEY: Type.Optional(
    Type.String({
      pattern: '^[A-Za-z0-9+/]{43}=$',
      description:
        'A 32-byte key in base64 (openssl rand -base64 32); the API and the workers need the same one.',
    }),
  ),
};

/**
 * The cipher for a configured `PAYLOAD_ENCRYPTION_KEY`, or undefined when
 * encryption at rest is off. The API and the workers build theirs here.
 */
export function payloadCipherFrom(
  key: string | undefined,
): PayloadCipher | undefined {
  return key ? createPayloadCipher(Buffer.from(key, 'base64')) : undefined;
}
