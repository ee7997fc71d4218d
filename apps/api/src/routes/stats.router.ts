import { Router } from 'express';
import type { TypeStatsList } from '@errand/contracts';
import { countJobs, type QueueSet } from '@errand/queue-core';

/**
 * `GET /stats`: per job type, how many jobs stand where, and how many wait
 * per contract version (jobs from a newer contract wait for a worker that
 * knows it).
 */
export function statsRouter(queues: QueueSet): Router {
  const router = Router();
  router.get('/stats', async (_req, res) => {
    const stats: TypeStatsList = { types: await countJobs(queues) };
    res.json(stats);
  });
  return router;
}
