import { Router } from 'express';
import type { Liveness, Readiness } from '@errand/contracts';
import { probeWritable, type JobStore } from '@errand/queue-core';

/**
 * `GET /healthz`: the process is up (liveness). `GET /readyz`: Redis answers
 * within the deadline and takes a write (readiness); a 503 problem
 * otherwise.
 */
export function healthRouter(queues: JobStore): Router {
  const router = Router();
  router.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' } satisfies Liveness);
  });
  router.get('/readyz', async (_req, res) => {
    await probeWritable(queues);
    res.json({ status: 'ready' } satisfies Readiness);
  });
  return router;
}
