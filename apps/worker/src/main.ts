import {
  bootService,
  onShutdownSignal,
  parseTraceparent,
  reportStartupFailure,
  startTraceExport,
  tracesEndpointFrom,
} from '@errand/runtime';
import { schedules } from '@errand/contracts';
import {
  payloadCipherFrom,
  prepareRedisAtStart,
  probeWritable,
  JobStore,
  limitDefaultsFrom,
  retentionFrom,
  startConsumer,
  startScheduleReconciler,
  type SettledEvent,
} from '@errand/queue-core';
import { WorkerConfig } from './config';
import { createHandlers } from './handlers/create-handlers';
import { startHealthServer } from './http/health-server';
import { createWorkerMetrics } from './metrics/worker-metrics';
import { concurrencyPerType, servedTypes } from './served-types';

async function main(): Promise<void> {
  const { config, logger } = bootService('worker', WorkerConfig);
  const types = servedTypes(config.WORKER_TYPES);
  // One URL whatever the topology: REDIS_CLUSTER_NODES, REDIS_SENTINELS…
  config.REDIS_URL = await prepareRedisAtStart(config, message =>
    logger.warn(message),
  );
  const metrics = createWorkerMetrics(types);

  // Runs once per job: a success at the default level must cost nothing.
  const debugEnabled = logger.isDebugEnabled();
  const logSettled = (event: SettledEvent) => {
    if (event.settlement === 'succeeded' && !debugEnabled) return;
    // The span fields are for the trace export, not the log line.
    const {
      error,
      traceparent: _span,
      parentTraceparent: _parent,
      startedAt: _startedAt,
      ...fields
    } = event;
    switch (fields.settlement) {
      case 'succeeded':
        return logger.debug('job succeeded', fields);
      case 'retrying':
        return logger.warn('job attempt failed; will retry', {
          ...fields,
          error: error?.message,
        });
      case 'snoozed':
        return logger.info('job snoozed; it runs again later', fields);
      case 'released':
        return logger.warn('job handed back to its queue at shutdown', fields);
      case 'cancelled':
        return logger.info('job cancelled while running', fields);
      case 'waiting':
        return logger.info('job waits for the children it added', fields);
      case 'rateLimited':
        // Once per pause, not once per job that meets it.
        if (!event.pauseStarted) return undefined;
        return logger.warn(
          'job type paused by its provider on every worker',
          fields,
        );
      case 'held':
        return logger.debug('job held by its concurrency key cap', fields);
      case 'dead':
        return logger.error('job dead', {
          ...fields,
          error: error?.message,
          stack: error?.stack,
        });
    }
  };

  const traceExport = startTraceExport({
    serviceName: config.OTEL_SERVICE_NAME,
    endpoint: tracesEndpointFrom(config),
  });
  // One span per attempt, a child of the request that enqueued the job.
  const exportSpan = (event: SettledEvent) => {
    if (!event.traceparent || event.startedAt === undefined) return;
    traceExport.recordSpan({
      name: `job ${event.type}`,
      traceparent: event.traceparent,
      parentSpanId: parseTraceparent(event.parentTraceparent)?.spanId,
      startMs: event.startedAt,
      endMs: event.startedAt + event.durationMs,
      kind: 'consumer',
      attributes: {
        'errand.job.id': event.jobId,
        'errand.job.type': event.type,
        'errand.job.attempt': event.attempt,
        'errand.job.outcome': event.settlement,
      },
      error: event.error?.message,
    });
  };

  // One cipher and one retention for the consumer and the schedules alike:
  // what one seals the other must open, and both must keep jobs as long.
  const cipher = payloadCipherFrom(config);
  const retention = retentionFrom(config);
  const consumer = startConsumer({
    redisUrl: config.REDIS_URL,
    prefix: config.QUEUE_PREFIX,
    flowShards: config.FLOW_SHARDS,
    types,
    concurrency: config.WORKER_CONCURRENCY,
    concurrencyByType: concurrencyPerType(
      config.WORKER_CONCURRENCY_PER_TYPE,
      types,
    ),
    lockDurationMs: config.WORKER_LOCK_DURATION_MS,
    stalledIntervalMs: config.WORKER_STALLED_INTERVAL_MS,
    stallSweepMs: config.WORKER_STALL_SWEEP_MS,
    maxStalledCount: config.WORKER_MAX_STALLED_COUNT,
    handlers: createHandlers(logger, config),
    limitDefaults: limitDefaultsFrom(config),
    maxProviderPauseMs: config.PROVIDER_PAUSE_MAX_MS,
    cipher,
    retention,
    callbackSecret: config.CALLBACK_SIGNING_SECRET,
    hooks: {
      onStarted: type => metrics.started(type),
      onSettled: event => {
        metrics.observe(event);
        logSettled(event);
        if (traceExport.enabled) exportSpan(event);
      },
    },
    onError: error =>
      logger.error('redis unavailable; jobs wait until it is back', {
        error: error.message,
      }),
    onRecovered: () => logger.info('redis is back; consuming again'),
    onJobError: error =>
      logger.warn('redis refused a job write; the job runs again if it can', {
        error: error.message,
      }),
  });
  // In the background and retried: a worker started while Redis is down
  // still serves jobs once Redis is back, and gets its schedules then.
  const reconciler = startScheduleReconciler({
    redisUrl: config.REDIS_URL,
    prefix: config.QUEUE_PREFIX,
    types,
    schedules,
    cipher,
    retention,
    onReconciled: changes => {
      for (const { name, type, change } of changes) {
        const level = change === 'unchanged' ? 'debug' : 'info';
        logger.log(level, `schedule ${change}`, { schedule: name, type });
      }
    },
    onError: (error, willRetry) =>
      logger.error(
        willRetry
          ? 'schedules not reconciled; retrying'
          : 'schedules not reconciled: fix the schedules file',
        { error: error.message },
      ),
  });
  const probe = new JobStore({
    redisUrl: config.REDIS_URL,
    prefix: config.QUEUE_PREFIX,
  });
  const server = await startHealthServer({
    port: config.METRICS_PORT,
    registry: metrics.registry,
    isHealthy: consumer.isHealthy,
    // A fail-fast connection of its own, so a probe never waits on Redis.
    isReady: () =>
      consumer.isHealthy()
        ? probeWritable(probe).then(
            () => true,
            () => false,
          )
        : Promise.resolve(false),
  });
  logger.info('worker started', {
    types,
    concurrency: config.WORKER_CONCURRENCY,
    metricsPort: config.METRICS_PORT,
    // Without an SMTP server, mail lands in files: say where, at start-up.
    email: config.SMTP_URL ? 'smtp' : `outbox ${config.OUTBOX_DIR}`,
  });

  onShutdownSignal(async signal => {
    logger.info('worker stopping', {
      signal,
      graceMs: config.SHUTDOWN_GRACE_MS,
    });
    await reconciler.close();
    await consumer.close(config.SHUTDOWN_GRACE_MS);
    server.close();
    await probe.close();
    // After the consumer: the last attempts' spans are in the final batch.
    await traceExport.shutdown();
    logger.info('worker stopped');
  });
}

main().catch(reportStartupFailure);
