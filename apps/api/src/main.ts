import { createServer } from 'node:http';
import {
  closeJobEvents,
  payloadCipherFrom,
  prepareRedisAtStart,
  JobStore,
  recordEncryptionOn,
  limitDefaultsFrom,
  retentionFrom,
} from '@errand/queue-core';
import {
  bootService,
  onShutdownSignal,
  reportStartupFailure,
  startTraceExport,
  tracesEndpointFrom,
} from '@errand/runtime';
import { createApp } from './app';
import { apiKeysFrom } from './auth/access-config';
import { trustProxyFrom } from './auth/trust-proxy';
import { ApiConfig } from './config';
import { idempotencySecretFrom } from './idempotency/idempotency-secret';
import { createApiMetrics } from './metrics/api-metrics';
import { startMetricsServer } from './metrics/metrics-server';
import { parseQueueCaps } from './limits/queue-caps';

/** How long in-flight requests may finish after SIGTERM. */
const SHUTDOWN_GRACE_MS = 10_000;

async function main(): Promise<void> {
  const { config, logger } = bootService('api', ApiConfig);
  const apiKeys = apiKeysFrom(config);
  const caps = parseQueueCaps(config.QUEUE_CAPS);
  const idempotencySecret = idempotencySecretFrom(config);
  // One URL whatever the topology: REDIS_CLUSTER_NODES, REDIS_SENTINELS…
  config.REDIS_URL = await prepareRedisAtStart(config, message =>
    logger.warn(message),
  );
  if (!apiKeys.length) {
    logger.warn(
      'NO API KEYS CONFIGURED: the API is open to anyone who can reach it. ' +
        'Set API_KEYS (npm run new-api-key) before exposing it; ' +
        'outside NODE_ENV=development or test it refuses to start without them unless ALLOW_NO_API_KEYS=true.',
    );
  }
  const limitDefaults = limitDefaultsFrom(config);
  const queues = new JobStore({
    redisUrl: config.REDIS_URL,
    prefix: config.QUEUE_PREFIX,
    flowShards: config.FLOW_SHARDS,
    waitReplicas: config.REDIS_WAIT_REPLICAS,
    cipher: payloadCipherFrom(config),
    retention: retentionFrom(config),
    limitDefaults,
    callbackSecret: config.CALLBACK_SIGNING_SECRET,
  });
  if (queues.cipher) {
    // Before listening: an inspector without the ring refuses to store a
    // sensitive field in clear only once Redis says encryption is on, and
    // no worker may have started yet. Best effort, as in the worker.
    await recordEncryptionOn(queues).catch((error: unknown) =>
      logger.warn('encryption marker not written', {
        error: error instanceof Error ? error.message : String(error),
      }),
    );
  }
  const metrics = createApiMetrics(queues);
  const traceExport = startTraceExport({
    serviceName: config.OTEL_SERVICE_NAME,
    endpoint: tracesEndpointFrom(config),
  });
  const app = createApp({
    queues,
    logger,
    metrics,
    serveMetrics: config.API_METRICS_PORT === undefined,
    bodyLimit: config.BODY_LIMIT,
    idempotencyWindowMs: config.IDEMPOTENCY_WINDOW_MS,
    idempotencySecret,
    apiKeys,
    rateLimitPerMinute: config.RATE_LIMIT_PER_MINUTE,
    trustProxy: trustProxyFrom(config.TRUST_PROXY),
    ...(config.AUTH_FAILURE_LIMIT > 0 && {
      authFailureLimit: {
        limit: config.AUTH_FAILURE_LIMIT,
        windowMs: config.AUTH_FAILURE_WINDOW_MS,
      },
    }),
    eventStreams: {
      perKey: config.EVENT_STREAMS_PER_KEY,
      perProcess: config.EVENT_STREAMS_PER_PROCESS,
      maxLifetimeMs: config.EVENT_STREAM_MAX_MS,
    },
    admission: { defaultCap: config.QUEUE_CAP, caps },
    flowLimits: {
      maxNodes: config.FLOW_MAX_NODES,
      maxDepth: config.FLOW_MAX_DEPTH,
    },
    dashboardSessionSecret: config.DASHBOARD_SESSION_SECRET,
    traceExport,
    compatRoutes: config.COMPAT_ROUTES,
    limitDefaults: queues.limitDefaults,
  });
  // Node enforces the request and header timeouts below only as often as
  // this (30 s by default): a slow client could hold a connection that
  // much longer than the timeout says.
  const server = createServer({ connectionsCheckingInterval: 1_000 }, app);
  server.once('error', reportStartupFailure);
  server.listen(config.PORT, () => {
    logger.info('api listening', {
      port: config.PORT,
      keys: apiKeys.length,
    });
  });
  const metricsServer =
    config.API_METRICS_PORT === undefined
      ? undefined
      : await startMetricsServer(config.API_METRICS_PORT, metrics.registry);
  if (metricsServer) {
    logger.info('api metrics listening', { port: config.API_METRICS_PORT });
  }
  // Slow clients must not hold connections forever.
  server.requestTimeout = 30_000;
  server.headersTimeout = 10_000;
  // Idle keep-alive sockets close after 5 s (Node's default, made explicit).
  server.keepAliveTimeout = 5_000;

  onShutdownSignal(async signal => {
    logger.info('api stopping', { signal });
    // Event streams never end on their own: close them, or server.close
    // would wait for them.
    await closeJobEvents(queues);
    // Stop accepting; in-flight requests finish (idle sockets close now),
    // and whatever still runs after the grace period is cut off.
    const closed = new Promise<void>(resolve => server.close(() => resolve()));
    const cutOff = setTimeout(
      () => server.closeAllConnections(),
      SHUTDOWN_GRACE_MS,
    );
    await closed;
    clearTimeout(cutOff);
    metricsServer?.close();
    await queues.close();
    // After the last request: its span is in the final batch.
    await traceExport.shutdown();
    logger.info('api stopped');
  });
}

main().catch(reportStartupFailure);
