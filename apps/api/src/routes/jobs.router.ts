import { Router } from 'express';
import { getJobView, retryDeadJob, type QueueSet } from '@errand/queue-core';

/** `GET /jobs/:id` and `POST /jobs/:id/retry` (dead jobs only). */
export function jobsRouter(queues: QueueSet): Router {
  const router = Router();
  router.get('/jobs/:id', async (req, res) => {
    res.json(await getJobView(queues, req.params.id));
  });
  router.post('/jobs/:id/retry', async (req, res) => {
    res.json(await retryDeadJob(queues, req.params.id));
  });
  return router;
}
