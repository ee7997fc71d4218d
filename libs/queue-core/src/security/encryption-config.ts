import { Type } from '@sinclair/typebox';

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

/** The key as bytes, or undefined when encryption is off. */
export function encryptionKeyFrom(
  value: string | undefined,
): Buffer | undefined {
  return value ? Buffer.from(value, 'base64') : undefined;
}
