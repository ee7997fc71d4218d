import { payloadCipherFrom, QueueSet } from '@errand/queue-core';
import {
  bootService,
  onShutdownSignal,
  reportStartupFailure,
} from '@errand/runtime';
import { createApp } from './app';
import { ApiConfig } from './config';

async function main(): Promise<void> {
  const { config, logger } = bootService('api', ApiConfig);
  const queues = new QueueSet({
    redisUrl: config.REDIS_URL,
    prefix: config.QUEUE_PREFIX,
    cipher: payloadCipherFrom(config.PAYLOAD_ENCRYPTION_KEY),
  });
  const app = createApp({ queues, logger, bodyLimit: config.BODY_LIMIT });
  const server = app.listen(config.PORT, error => {
    if (error) reportStartupFailure(error);
    logger.info('api listening', { port: config.PORT });
  });
  // Slow clients must not hold connections forever.
  server.requestTimeout = 30_000;
  server.headersTimeout = 10_000;

  onShutdownSignal(async signal => {
    logger.info('api stopping', { signal });
    await new Promise<void>(resolve => server.close(() => resolve()));
    await queues.close();
  });
}

main().catch(reportStartupFailure);
