import { Type, type Static } from '@sinclair/typebox';
import {
  DEFAULT_FLOW_MAX_DEPTH,
  DEFAULT_FLOW_MAX_NODES,
} from '@errand/contracts';
import {
  DEFAULT_QUEUE_CAP,
  CallbackConfig,
  EncryptionConfig,
  EvictionCheckConfig,
  RedisConfig,
  LimitsConfig,
  RetentionConfig,
} from '@errand/queue-core';
import { LoggingConfig, TraceExportConfig } from '@errand/runtime';
import {
  DEFAULT_AUTH_FAILURE_LIMIT,
  DEFAULT_AUTH_FAILURE_WINDOW_MS,
} from './auth/auth-failure-limit';
import {
  DEFAULT_STREAM_LIFETIME_MS,
  DEFAULT_STREAMS_PER_KEY,
  DEFAULT_STREAMS_PER_PROCESS,
} from './limits/event-stream-limits';

/** The API's environment variables; see docs/configuration.md. */
export const ApiConfig = Type.Object({
  ...RedisConfig,
  ...LoggingConfig,
  ...EncryptionConfig,
  ...CallbackConfig,
  ...EvictionCheckConfig,
  ...TraceExportConfig,
  OTEL_SERVICE_NAME: Type.String({
    default: 'errand-api',
    minLength: 1,
    description: 'The service.name of the spans this app exports.',
  }),
  NODE_ENV: Type.Optional(
    Type.String({
      description:
        'development or test (any case) may run without API_KEYS; anything else, unset included, refuses to start without them unless ALLOW_NO_API_KEYS=true.',
    }),
  ),
  ALLOW_NO_API_KEYS: Type.Boolean({
    default: false,
    description:
      'true lets the API start without API_KEYS whatever NODE_ENV says: open to anyone who can reach it.',
  }),
  API_KEYS: Type.Optional(
    Type.String({
      description:
        'API keys as name:role:sha256hex[:type1,type2] entries separated by ; (npm run new-api-key prints one). Unset: refused, except in development or test or with ALLOW_NO_API_KEYS=true. See docs/access-control.md.',
    }),
  ),
  AUTH_FAILURE_LIMIT: Type.Integer({
    default: DEFAULT_AUTH_FAILURE_LIMIT,
    minimum: 0,
    description:
      'Failed authentications (bad API keys, Bearer or at the dashboard login) allowed per client address per AUTH_FAILURE_WINDOW_MS, shared through Redis; past it 429, even for a valid key, until the window ends. 0 turns it off.',
  }),
  AUTH_FAILURE_WINDOW_MS: Type.Integer({
    default: DEFAULT_AUTH_FAILURE_WINDOW_MS,
    minimum: 1_000,
    description:
      'The window AUTH_FAILURE_LIMIT counts in, in ms, from the first failure.',
  }),
  TRUST_PROXY: Type.Optional(
    Type.String({
      description:
        "The proxies trusted to name the client address in X-Forwarded-For, as Express's trust proxy: true, a hop count, or addresses, subnets, loopback, uniquelocal (comma-separated). Unset: none, the socket's address is the client's.",
    }),
  ),
  RATE_LIMIT_PER_MINUTE: Type.Integer({
    default: 600,
    minimum: 0,
    description:
      'Requests per minute per API key (per address when open), shared by every replica through Redis; 0 turns it off.',
  }),
  EVENT_STREAMS_PER_KEY: Type.Integer({
    default: DEFAULT_STREAMS_PER_KEY,
    minimum: 1,
    description:
      'Open GET /jobs/:id/events streams per API key (per address when open) in each API process; past it 429 request.rateLimited with Retry-After.',
  }),
  EVENT_STREAMS_PER_PROCESS: Type.Integer({
    default: DEFAULT_STREAMS_PER_PROCESS,
    minimum: 1,
    description:
      'Open GET /jobs/:id/events streams in each API process, all keys together; past it 429 with Retry-After.',
  }),
  EVENT_STREAM_MAX_MS: Type.Integer({
    default: DEFAULT_STREAM_LIFETIME_MS,
    minimum: 1_000,
    description:
      'How long one event stream stays open, in ms (up to 10 % less); then it sends retry: and closes, and the client reconnects with Last-Event-ID.',
  }),
  QUEUE_CAP: Type.Integer({
    default: DEFAULT_QUEUE_CAP,
    minimum: 1,
    description:
      'Waiting jobs plus live idempotency records allowed per type; past it POST /enqueue answers 429 queue.full.',
  }),
  QUEUE_CAPS: Type.Optional(
    Type.String({
      description: 'Per-type caps as JSON, e.g. {"email.send": 5000}.',
    }),
  ),
  FLOW_MAX_NODES: Type.Integer({
    default: DEFAULT_FLOW_MAX_NODES,
    minimum: 1,
    description:
      'The most nodes one POST /flows may hold; past it 413 flow.tooLarge naming the limit (the body must also fit BODY_LIMIT).',
  }),
  FLOW_MAX_DEPTH: Type.Integer({
    default: DEFAULT_FLOW_MAX_DEPTH,
    minimum: 1,
    description:
      'The most levels one flow may have, a root alone being one (a chain: its steps); past it 400 naming the limit.',
  }),
  DASHBOARD_SESSION_SECRET: Type.Optional(
    Type.String({
      minLength: 32,
      description:
        'At least 32 characters; signs dashboard session cookies; set the same one on every replica (unset: random per process).',
    }),
  ),
  ...RetentionConfig,
  ...LimitsConfig,
  PORT: Type.Integer({
    default: 8000,
    minimum: 1,
    maximum: 65_535,
    description: 'The HTTP port, 1-65535.',
  }),
  API_METRICS_PORT: Type.Optional(
    Type.Integer({
      minimum: 1,
      maximum: 65_535,
      description:
        'Serve GET /metrics on this port instead of PORT, 1-65535 (unset: on PORT, admin only when keys are configured).',
    }),
  ),
  BODY_LIMIT: Type.String({
    default: '64kb',
    pattern: '^[0-9]+(b|kb|mb)$',
    description: 'The largest request body, e.g. 64kb or 1mb.',
  }),
  IDEMPOTENCY_SECRET: Type.Optional(
    Type.String({
      minLength: 32,
      description:
        'At least 32 characters (openssl rand -base64 32), the same on every replica: keys the HMAC of idempotent request bodies kept in Redis. Required when payload encryption is on, unless NODE_ENV is development or test; unset there: derived from the encryption key setting, or a fixed development secret without encryption.',
    }),
  ),
  COMPAT_ROUTES: Type.Boolean({
    default: true,
    description:
      'false turns off the compatibility routes (POST /jobs, POST /task, GET /task/:id, POST /tasks, GET /tasks/:id; see docs/migrating.md).',
  }),
  IDEMPOTENCY_WINDOW_MS: Type.Integer({
    default: 24 * 60 * 60 * 1_000,
    minimum: 1_000,
    maximum: 30 * 24 * 60 * 60 * 1_000,
    description:
      'How long an Idempotency-Key is remembered, in ms: 1000 to 30 days.',
  }),
});
export type ApiConfig = Static<typeof ApiConfig>;
