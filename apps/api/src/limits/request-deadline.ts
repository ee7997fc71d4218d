import type { RequestHandler } from 'express';
import type { JobStore } from '@errand/queue-core';

/**
 * The paths that enqueue one job, each a short chain of Redis calls (rate
 * limit, queue cap, add): they get one Redis deadline for the whole request,
 * so a stuck Redis answers 503 within a second instead of once per call.
 * Not the event stream or bulk replays, which make Redis calls for as long
 * as they run, each under a deadline of its own.
 */
const SINGLE_DEADLINE_PATHS = new Set(['/enqueue', '/jobs', '/task', '/tasks']);

/** Runs the rest of such a request within one deadline of `queues`. */
export function requestDeadline(queues: JobStore): RequestHandler {
  return (req, _res, next) => {
    if (req.method !== 'POST' || !SINGLE_DEADLINE_PATHS.has(req.path)) {
      return next();
    }
    queues.withinDeadline(() => next());
  };
}
