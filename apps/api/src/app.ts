import { randomBytes } from 'node:crypto';
import express, { type Express } from 'express';
import {
  DEFAULT_QUEUE_CAP,
  DEV_IDEMPOTENCY_SECRET,
  catalogLimitDefaults,
  type AdmissionLimits,
  type JobStore,
  type LimitDefaults,
} from '@errand/queue-core';
import type { FlowLimits } from '@errand/contracts';
import type { Logger, TraceExport } from '@errand/runtime';
import type { ApiKey } from './auth/api-key';
import {
  AuthFailureLimit,
  type AuthFailureLimitOptions,
} from './auth/auth-failure-limit';
import { authenticate, refuseKeyInQuery } from './auth/authenticate';
import type { TrustProxy } from './auth/trust-proxy';
import { ownJobsOnly } from './auth/own-jobs-only';
import { authorize } from './auth/route-roles';
import { dashboardRouter } from './dashboard/dashboard.router';
import {
  apiContentSecurityPolicy,
  securityHeaders,
} from './http/security-headers';
import type { EventStreamLimits } from './limits/event-stream-limits';
import { rateLimitByKey } from './limits/rate-limit';
import { requestDeadline } from './limits/request-deadline';
import { errorHandler, routeNotFound } from './http/error-handler';
import { requestContext } from './http/request-context';
import { traceExportMiddleware } from './http/trace-export.middleware';
import { createApiMetrics, type ApiMetrics } from './metrics/api-metrics';
import { metricsRouter } from './metrics/metrics.router';
import { deadLetterRouter } from './routes/dead-letter.router';
import { compatRouter } from './routes/compat.router';
import { docsRouter } from './routes/docs.router';
import { enqueueBatchRouter } from './routes/enqueue-batch.router';
import { enqueueRouter } from './routes/enqueue.router';
import { flowsRouter } from './routes/flows.router';
import { healthRouter } from './routes/health.router';
import { jobEventsRouter } from './routes/job-events.router';
import { jobTypesRouter } from './routes/job-types.router';
import { jobTypeLimitsRouter } from './routes/job-type-limits.router';
import { jobsRouter } from './routes/jobs.router';
import { schedulesRouter } from './routes/schedules.router';
import { statsRouter } from './routes/stats.router';

/** What the app needs; `main.ts` builds them, tests pass their own. */
export interface AppDependencies {
  queues: JobStore;
  logger: Logger;
  /** @defaultValue `'64kb'` */
  bodyLimit?: string;
  /** How long an `Idempotency-Key` is remembered. @defaultValue 24 h */
  idempotencyWindowMs?: number;
  /**
   * Keys the HMAC of idempotent bodies (`main.ts` reads it with
   * `idempotencySecretFrom`); every replica needs the same one.
   * @defaultValue the fixed development secret
   */
  idempotencySecret?: string | Buffer;
  /** The largest `POST /enqueue/batch` body. @defaultValue `'2mb'` */
  batchBodyLimit?: string;
  /** Heartbeat of `GET /jobs/:id/events` streams. @defaultValue 15 s */
  eventsHeartbeatMs?: number;
  /**
   * Open `GET /jobs/:id/events` streams allowed per key and per process,
   * and how long each lasts. @defaultValue 20 per key, 500, 15 min
   */
  eventStreams?: EventStreamLimits;
  /**
   * The API keys; with none the API is open (as in development: `main.ts`
   * refuses that in production). @defaultValue none
   */
  apiKeys?: readonly ApiKey[];
  /** Requests a minute per key, shared through Redis. @defaultValue off */
  rateLimitPerMinute?: number;
  /** Per-type queue caps. @defaultValue 100 000 waiting jobs per type */
  admission?: AdmissionLimits;
  /**
   * Failed authentications allowed per client address and window, shared
   * through Redis; past it a 429. @defaultValue off
   */
  authFailureLimit?: AuthFailureLimitOptions;
  /**
   * Express's `trust proxy`: which proxies may name the client address in
   * `X-Forwarded-For` (see trust-proxy.ts). @defaultValue none
   */
  trustProxy?: TrustProxy;
  /** Signs dashboard sessions. @defaultValue random, per app */
  dashboardSessionSecret?: string;
  /** Prometheus metrics. @defaultValue a new registry over `queues` */
  metrics?: ApiMetrics;
  /**
   * Serve `GET /metrics` here (admin only when keys are configured);
   * `main.ts` turns it off when `API_METRICS_PORT` serves it instead.
   * @defaultValue true
   */
  serveMetrics?: boolean;
  /** Where request spans go (see main.ts); unset: none are recorded. */
  traceExport?: TraceExport;
  /**
   * Nodes and levels one `POST /flows` may have.
   * @defaultValue 10 000 nodes, 10 levels
   */
  flowLimits?: FlowLimits;
  /** The largest `POST /flows` body. @defaultValue `'16mb'` */
  flowBodyLimit?: string;
  /**
   * Serve the compatibility routes (`POST /jobs`, `/task`, `/tasks` and
   * their reads; docs/migrating.md). @defaultValue true
   */
  compatRoutes?: boolean;
  /**
   * Each type's flow limits when none are set at run time (the catalog's,
   * or `JOB_TYPE_LIMITS`). @defaultValue the catalog's
   */
  limitDefaults?: LimitDefaults;
}

/** Builds the HTTP app without listening, so tests can drive it directly. */
export function createApp({
  queues,
  logger,
  bodyLimit = '64kb',
  idempotencyWindowMs,
  idempotencySecret = DEV_IDEMPOTENCY_SECRET,
  batchBodyLimit = '2mb',
  eventsHeartbeatMs,
  eventStreams,
  apiKeys: keys = [],
  rateLimitPerMinute,
  authFailureLimit,
  trustProxy = false,
  admission = { defaultCap: DEFAULT_QUEUE_CAP },
  dashboardSessionSecret = randomBytes(32).toString('hex'),
  metrics = createApiMetrics(queues),
  serveMetrics = true,
  traceExport,
  compatRoutes = true,
  limitDefaults = catalogLimitDefaults,
  flowLimits = {},
  flowBodyLimit = '16mb',
}: AppDependencies): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', trustProxy);
  // First: every later line and job carries the request id and trace.
  app.use(requestContext(logger));
  if (traceExport?.enabled) app.use(traceExportMiddleware(traceExport));
  app.use(metrics.observeEnqueue);
  app.use(securityHeaders);
  app.use(refuseKeyInQuery);
  app.use(requestDeadline(queues));
  // Public: probes, the catalog and the documentation.
  app.use(healthRouter(queues));
  app.use(jobTypesRouter());
  app.use(docsRouter());
  const failures =
    authFailureLimit && keys.length
      ? new AuthFailureLimit(queues, authFailureLimit, logger)
      : undefined;
  // Its own login (a browser cannot send a Bearer header); admin only.
  app.use(
    dashboardRouter({
      queues,
      keys,
      sessionSecret: dashboardSessionSecret,
      failures,
    }),
  );
  // Everything below needs a key (when keys are configured) and its role.
  app.use(apiContentSecurityPolicy);
  app.use(authenticate(keys, failures));
  if (rateLimitPerMinute) {
    app.use(rateLimitByKey(queues, rateLimitPerMinute, logger));
  }
  app.use(authorize);
  if (serveMetrics) app.use(metricsRouter(metrics.registry));
  app.use('/jobs/:id', ownJobsOnly(queues));
  app.use('/flows/:id', ownJobsOnly(queues));
  app.use(
    enqueueRouter(
      queues,
      bodyLimit,
      { windowMs: idempotencyWindowMs, secret: idempotencySecret },
      admission,
    ),
  );
  app.use(enqueueBatchRouter(queues, batchBodyLimit, admission));
  app.use(
    flowsRouter(queues, {
      bodyLimit: flowBodyLimit,
      limits: flowLimits,
      idempotency: { windowMs: idempotencyWindowMs, secret: idempotencySecret },
      admission,
    }),
  );
  if (compatRoutes) {
    const idempotency = {
      windowMs: idempotencyWindowMs,
      secret: idempotencySecret,
    };
    app.use(compatRouter(queues, bodyLimit, { idempotency, admission }));
  }
  app.use(jobsRouter(queues));
  app.use(deadLetterRouter(queues, logger, batchBodyLimit));
  app.use(
    jobEventsRouter(queues, {
      heartbeatMs: eventsHeartbeatMs,
      ...eventStreams,
    }),
  );
  app.use(jobTypeLimitsRouter(queues, limitDefaults, logger));
  app.use(statsRouter(queues, limitDefaults));
  app.use(schedulesRouter(queues));
  app.use(routeNotFound);
  app.use(errorHandler(logger));
  return app;
}
