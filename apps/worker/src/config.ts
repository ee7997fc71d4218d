import { Type, type Static } from '@sinclair/typebox';
import { LoggingConfig, TraceExportConfig } from '@errand/runtime';
import { MAX_PROVIDER_PAUSE_MS } from '@errand/contracts';
import {
  CallbackConfig,
  EncryptionConfig,
  EvictionCheckConfig,
  RedisConfig,
  LimitsConfig,
  RetentionConfig,
} from '@errand/queue-core';

/**
 * What the real handlers need: where mail goes, where files land, and
 * which internal addresses outbound requests may reach.
 */
export const HandlerConfig = Type.Object({
  SMTP_URL: Type.Optional(
    Type.String({
      pattern: '^smtps?://',
      description:
        'SMTP server of email.send: smtp://[user:pass@]host:587 (STARTTLS when offered) or smtps://…:465. The credentials are a secret: pass them in the environment, not in a committed .env. Unset: messages are written to OUTBOX_DIR (development).',
    }),
  ),
  EMAIL_FROM: Type.String({
    default: 'Errand <no-reply@errand.local>',
    minLength: 3,
    description:
      'The From address of email.send messages; its domain also names the Message-ID.',
  }),
  OUTBOX_DIR: Type.String({
    default: '.outbox',
    minLength: 1,
    description:
      'Where email.send writes <job id>.eml when SMTP_URL is unset (git-ignored).',
  }),
  OUTPUT_DIR: Type.String({
    default: '.output',
    minLength: 1,
    description:
      'Where image.resize and pdf.render write <job id>.<ext> (git-ignored; /data/output in the image).',
  }),
  OUTBOUND_ALLOWLIST: Type.Optional(
    Type.String({
      pattern: '^[0-9A-Fa-f.:/, ]+$',
      description:
        'Comma-separated IP addresses or CIDR blocks that webhooks and source URLs may reach although not public, e.g. 10.1.0.0/16,fd12::/48; a bad entry stops the worker at start-up.',
    }),
  ),
  OUTBOUND_ALLOWED_PORTS: Type.String({
    default: '80,443',
    pattern: '^ *\\d{1,5}(-\\d{1,5})? *(, *\\d{1,5}(-\\d{1,5})? *)*$',
    description:
      'Comma-separated ports and port ranges that webhooks and source URLs may use, e.g. 80,443,8080,9000-9099; any other port is refused and the job discarded.',
  }),
});
export type HandlerConfig = Static<typeof HandlerConfig>;

/** The worker's environment variables; see docs/configuration.md. */
export const WorkerConfig = Type.Object({
  ...RedisConfig,
  ...LoggingConfig,
  ...EncryptionConfig,
  ...CallbackConfig,
  ...RetentionConfig,
  ...LimitsConfig,
  PROVIDER_PAUSE_MAX_MS: Type.Integer({
    default: MAX_PROVIDER_PAUSE_MS,
    minimum: 1,
    maximum: MAX_PROVIDER_PAUSE_MS,
    description:
      "The longest a job type may be paused by a provider's slow-down (a handler's rateLimited outcome: HTTP 429/503 Retry-After, SMTP 421/450/451/452), in ms; at most an hour.",
  }),
  ...EvictionCheckConfig,
  ...HandlerConfig.properties,
  ...TraceExportConfig,
  OTEL_SERVICE_NAME: Type.String({
    default: 'errand-worker',
    minLength: 1,
    description: 'The service.name of the spans this app exports.',
  }),
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
  WORKER_CONCURRENCY_PER_TYPE: Type.Optional(
    Type.String({
      pattern: '^[a-z0-9.]+:\\d+(, ?[a-z0-9.]+:\\d+)*$',
      description:
        'Per-type overrides of WORKER_CONCURRENCY, e.g. image.resize:2,email.send:50, for worker pools (see docs/scaling.md).',
    }),
  ),
  WORKER_TYPES: Type.Optional(
    Type.String({
      pattern: '^[a-z0-9.]+(,[a-z0-9.]+)*$',
      description:
        'Comma-separated job types this worker serves (default: all), e.g. email.send,system.noop.',
    }),
  ),
  WORKER_LOCK_DURATION_MS: Type.Integer({
    default: 30_000,
    minimum: 1_000,
    description:
      "How long a running job is locked, renewed at half of it, in ms; a crashed worker's jobs run again after about this plus WORKER_STALL_SWEEP_MS (see docs/reliability.md).",
  }),
  WORKER_STALLED_INTERVAL_MS: Type.Integer({
    default: 30_000,
    minimum: 1_000,
    description:
      "How often BullMQ's own check for jobs with an expired lock runs, in ms; it takes two passes, so without WORKER_STALL_SWEEP_MS a crashed worker's job waits up to about twice this.",
  }),
  WORKER_STALL_SWEEP_MS: Type.Integer({
    default: 1_000,
    minimum: 0,
    description:
      'How often running jobs whose lock expired (a crashed worker) are looked for and put back in their queue, in ms; 0 leaves it to the BullMQ check of WORKER_STALLED_INTERVAL_MS alone.',
  }),
  WORKER_MAX_STALLED_COUNT: Type.Integer({
    default: 1,
    minimum: 0,
    description:
      'Times a job may lose its lock before it is failed for good (a job that crashes its worker is dead after this + 1 crashes, whatever its retries).',
  }),
  SHUTDOWN_GRACE_MS: Type.Integer({
    default: 30_000,
    minimum: 0,
    description:
      'How long running jobs may finish after SIGTERM, in ms; the ones still running are then aborted and handed back to their queue without using an attempt.',
  }),
});
export type WorkerConfig = Static<typeof WorkerConfig>;
