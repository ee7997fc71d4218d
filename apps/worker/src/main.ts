import {
  bootService,
  onShutdownSignal,
  reportStartupFailure,
} from '@errand/runtime';
import {
  payloadCipherFrom,
  startConsumer,
  type SettledEvent,
} from '@errand/queue-core';
import { WorkerConfig } from './config';
import { createHandlers } from './handlers/create-handlers';
import { startHealthServer } from './http/health-server';
import { createWorkerMetrics } from './metrics/worker-metrics';
import { servedTypes } from './served-types';

async function main(): Promise<void> {
  const { config, logger } = bootService('worker', WorkerConfig);
  const types = servedTypes(config.WORKER_TYPES);
  const metrics = createWorkerMetrics();

  const logSettled = ({ error, ...fields }: SettledEvent) => {
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
      case 'dead':
        return logger.error('job dead', {
          ...fields,
          error: error?.message,
          stack: error?.stack,
        });
    }
  };

  const consumer = startConsumer({
    redisUrl: config.REDIS_URL,
    prefix: config.QUEUE_PREFIX,
    types,
    concurrency: config.WORKER_CONCURRENCY,
    handlers: createHandlers(logger),
    cipher: payloadCipherFrom(config.PAYLOAD_ENCRYPTION_KEY),
    hooks: {
      onSettled: event => {
        metrics.observe(event);
        logSettled(event);
      },
    },
    onError: error =>
      logger.error('redis unavailable; jobs wait until it is back', {
        error: error.message,
      }),
    onRecovered: () => logger.info('redis is back; consuming again'),
  });
  const server = await startHealthServer({
    port: config.METRICS_PORT,
    registry: metrics.registry,
    isHealthy: consumer.isHealthy,
  });
  logger.info('worker started', {
    types,
    concurrency: config.WORKER_CONCURRENCY,
    metricsPort: config.METRICS_PORT,
  });

  onShutdownSignal(async signal => {
    logger.info('worker stopping', {
      signal,
      graceMs: config.SHUTDOWN_GRACE_MS,
    });
    await consumer.close(config.SHUTDOWN_GRACE_MS);
    server.close();
    logger.info('worker stopped');
  });
}

main().catch(reportStartupFailure);
