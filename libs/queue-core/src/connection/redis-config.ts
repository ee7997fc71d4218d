import { Type, type Static } from '@sinclair/typebox';

/** The variables every app reads to reach the queues. */
export const RedisConfig = {
  REDIS_URL: Type.String({
    default: 'redis://127.0.0.1:6379',
    pattern: '^rediss?://',
    description:
      'A redis:// URL, or rediss:// for TLS, e.g. redis://:password@host:6379/0.',
  }),
  QUEUE_PREFIX: Type.String({
    default: 'errand',
    pattern: '^[A-Za-z0-9_-]+$',
    description: 'Letters, digits, _ and -; namespaces every Redis key.',
  }),
};

/** Where the queues live. */
export type RedisConfig = Static<
  ReturnType<typeof Type.Object<typeof RedisConfig>>
>;
