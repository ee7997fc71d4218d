import type { RequestHandler } from 'express';
import {
  findJobOwner,
  JobNotFoundError,
  type JobStore,
} from '@errand/queue-core';
import { principalOf } from './principal-of';

/**
 * Mounted at `/jobs/:id`, for `GET`/`HEAD /jobs/:id` and its events: a producer
 * key reads only the jobs it enqueued. Another key's job answers 404
 * `job.notFound`, exactly as a job that does not exist, so ids cannot be
 * probed. Admins (and the open API) read every job.
 */
export function ownJobsOnly(queues: JobStore): RequestHandler {
  return async (req, res, next) => {
    const principal = principalOf(res);
    // Every method, not only GET: Express answers HEAD with the GET route
    // (headers, ETag and an event watch included), and a method that needs
    // admin is refused before this anyway. Admins read every job.
    if (principal.role === 'admin') return next();
    const id = String(req.params['id']);
    if ((await findJobOwner(queues, id)) !== principal.name) {
      throw new JobNotFoundError(id);
    }
    next();
  };
}
