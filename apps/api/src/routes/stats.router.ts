import { Router } from 'express';
import type { TypeStatsList } from '@errand/contracts';
import { countJobs, type JobStore } from '@errand/queue-core';

/**
 * `GET /stats`: per job type, how many jobs stand where, how many wait per
 * contract version (jobs from a newer contract wait for a worker that knows
 * it), how many finished and failed in the last minute and hour, the share
 * that succeeded, and how long the oldest queued job has waited.
 */
export function statsRouter(queues: JobStore): Router {
  const router = Router();
  router.get('/stats', async (_req, res) => {
    const stats: TypeStatsList = { types: await countJobs(queues) };
    res.json(stats);
  });
  return router;
}
