import { Router } from 'express';
import type { TypeStatsList } from '@errand/contracts';
import {
  countJobs,
  readFlowStates,
  type JobStore,
  type LimitDefaults,
} from '@errand/queue-core';

/**
 * `GET /stats`: per job type, how many jobs stand where, how many wait per
 * contract version (jobs from a newer contract wait for a worker that knows
 * it), how many finished and failed in the last minute and hour, the share
 * that succeeded, how long the oldest queued job has waited, and its flow
 * limits with what they hold back now.
 */
export function statsRouter(queues: JobStore, limits: LimitDefaults): Router {
  const router = Router();
  router.get('/stats', async (_req, res) => {
    const [types, flows] = await Promise.all([
      countJobs(queues),
      readFlowStates(queues, limits),
    ]);
    const stats: TypeStatsList = {
      types: types.map((stats, i) => {
        const { type: _type, ...flow } = flows[i];
        return { ...stats, flow };
      }),
    };
    res.json(stats);
  });
  return router;
}
