import { Type, type Static } from '@sinclair/typebox';
import { LoggingConfig } from '@errand/runtime';
import { EncryptionConfig, RedisConfig } from '@errand/queue-core';

/** The worker's environment variables; see the README's table. */
export const WorkerConfig = Type.Object({
  ...RedisConfig,
  ...LoggingConfig,
  ...EncryptionConfig,
  METRICS_PORT: Type.Integer({
    default: 8001,
    minimum: 1,
    maximum: 65_535,
    description: 'Port of /metrics and /healthz, 1-65535.',
  }),
  WORKER_CONCURRENCY: Type.Integer({
    default: 10,
    minimum: 1,
    maximum: 1_000,
    description: 'Jobs of each type run at once in this process, 1-1000.',
  }),
  WORKER_TYPES: Type.Optional(
    Type.String({
      pattern: '^[a-z0-9.]+(,[a-z0-9.]+)*$',
      description:
        'Comma-separated job types this worker serves (default: all), e.g. email.send,system.noop.',
    }),
  ),
  SHUTDOWN_GRACE_MS: Type.Integer({
    default: 30_000,
    minimum: 0,
    description: 'How long running jobs may finish after SIGTERM, in ms.',
  }),
});
export type WorkerConfig = Static<typeof WorkerConfig>;
