import { Router } from 'express';
import { countJobs, type QueueSet } from '@errand/queue-core';

/**
 * `GET /stats`: per job type, how many jobs stand where, and how many wait
 * per contract version (jobs from a newer contract wait for a worker that
 * knows it).
 */
export function statsRouter(queues: QueueSet): Router {
  const router = Router();
  router.get('/stats', async (_req, res) => {
    res.json({ types: await countJobs(queues) });
  });
  return router;
}
