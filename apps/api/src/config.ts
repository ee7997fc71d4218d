import { Type, type Static } from '@sinclair/typebox';
import { EncryptionConfig, RedisConfig } from '@errand/queue-core';
import { LoggingConfig } from '@errand/runtime';

/** The API's environment variables; see the README's table. */
export const ApiConfig = Type.Object({
  ...RedisConfig,
  ...LoggingConfig,
  ...EncryptionConfig,
  PORT: Type.Integer({
    default: 8000,
    minimum: 1,
    maximum: 65_535,
    description: 'The HTTP port, 1-65535.',
  }),
  BODY_LIMIT: Type.String({
    default: '64kb',
    pattern: '^[0-9]+(b|kb|mb)$',
    description: 'The largest request body, e.g. 64kb or 1mb.',
  }),
});
export type ApiConfig = Static<typeof ApiConfig>;
