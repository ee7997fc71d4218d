import { Router } from 'express';
import { parseJobListQuery } from '@errand/contracts';
import {
  cancelJob,
  getJobView,
  listJobs,
  retryDeadJob,
  type JobStore,
} from '@errand/queue-core';
import { principalOf } from '../auth/principal-of';
import { jobViewFor } from './job-view-for';

/**
 * `GET /jobs` (a page of jobs), `GET /jobs/:id`, `POST /jobs/:id/retry` (dead jobs only) and
 * `DELETE /jobs/:id` (cancel).
 */
export function jobsRouter(queues: JobStore): Router {
  const router = Router();
  // One page, newest first; `nextCursor` asks for the next (see listJobs
  // for what stays stable between pages).
  router.get('/jobs', async (req, res) => {
    const page = await listJobs(queues, parseJobListQuery(req.query));
    const principal = principalOf(res);
    res.json({ ...page, jobs: page.jobs.map(j => jobViewFor(principal, j)) });
  });
  router.get('/jobs/:id', async (req, res) => {
    const view = await getJobView(queues, req.params.id);
    res.json(jobViewFor(principalOf(res), view));
  });
  router.post('/jobs/:id/retry', async (req, res) => {
    const principal = principalOf(res);
    const view = await retryDeadJob(queues, req.params.id, principal.name);
    res.json(jobViewFor(principal, view));
  });
  // 200: it will not run; 202: it was running and its worker was told to
  // stop it, so it ends `cancelled` unless it finishes first.
  router.delete('/jobs/:id', async (req, res) => {
    const principal = principalOf(res);
    const { outcome, job } = await cancelJob(
      queues,
      req.params.id,
      principal.name,
    );
    res
      .status(outcome === 'cancelled' ? 200 : 202)
      .json(jobViewFor(principal, job));
  });
  return router;
}
