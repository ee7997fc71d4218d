import { Router } from 'express';
import { parseJobListQuery } from '@errand/contracts';
import {
  cancelJob,
  getJobView,
  listJobs,
  retryDeadJob,
  type QueueSet,
} from '@errand/queue-core';
import { principalOf } from '../auth/authenticate';

/**
 * `GET /jobs` (a page of jobs), `GET /jobs/:id`, `POST /jobs/:id/retry` (dead jobs only) and
 * `DELETE /jobs/:id` (cancel).
 */
export function jobsRouter(queues: QueueSet): Router {
  const router = Router();
  // One page, newest first; `nextCursor` asks for the next (see listJobs
  // for what stays stable between pages).
  router.get('/jobs', async (req, res) => {
    res.json(await listJobs(queues, parseJobListQuery(req.query)));
  });
  router.get('/jobs/:id', async (req, res) => {
    res.json(await getJobView(queues, req.params.id));
  });
  router.post('/jobs/:id/retry', async (req, res) => {
    res.json(
      await retryDeadJob(queues, req.params.id, principalOf(res).name),
    );
  });
  // 200: it will not run; 202: it was running and its worker was told to
  // stop it, so it ends `cancelled` unless it finishes first.
  router.delete('/jobs/:id', async (req, res) => {
    const { name } = principalOf(res);
    const { outcome, job } = await cancelJob(queues, req.params.id, name);
    res.status(outcome === 'cancelled' ? 200 : 202).json(job);
  });
  return router;
}
