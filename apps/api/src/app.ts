import express, { type Express } from 'express';
import type { QueueSet } from '@errand/queue-core';
import type { Logger } from '@errand/runtime';
import { errorHandler, routeNotFound } from './http/error-handler';
import { docsRouter } from './routes/docs.router';
import { enqueueRouter } from './routes/enqueue.router';
import { healthRouter } from './routes/health.router';
import { jobTypesRouter } from './routes/job-types.router';
import { jobsRouter } from './routes/jobs.router';
import { statsRouter } from './routes/stats.router';

/** What the app needs; `main.ts` builds them, tests pass their own. */
export interface AppDependencies {
  queues: QueueSet;
  logger: Logger;
  /** @defaultValue `'64kb'` */
  bodyLimit?: string;
}

/** Builds the HTTP app without listening, so tests can drive it directly. */
export function createApp({
  queues,
  logger,
  bodyLimit = '64kb',
}: AppDependencies): Express {
  const app = express();
  app.disable('x-powered-by');
  app.use(healthRouter(queues));
  app.use(enqueueRouter(queues, bodyLimit));
  app.use(jobsRouter(queues));
  app.use(statsRouter(queues));
  app.use(jobTypesRouter());
  app.use(docsRouter());
  app.use(routeNotFound);
  app.use(errorHandler(logger));
  return app;
}
