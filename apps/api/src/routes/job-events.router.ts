import { Router, type Response } from 'express';
import type { JobView } from '@errand/contracts';
import { watchJob, type QueueSet } from '@errand/queue-core';
import type { Principal } from '../auth/api-key';
import { principalOf } from '../auth/authenticate';
import { toProblem } from '../http/to-problem';
import { jobViewFor } from './job-view-for';

/** How often an idle stream sends a comment, so proxies keep it open. */
const HEARTBEAT_MS = 15_000;

function send(res: Response, event: string, data: unknown): void {
  res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
}

function sendEnd(res: Response, principal: Principal, view: JobView): void {
  send(res, 'status', jobViewFor(principal, view));
  send(res, 'end', { id: view.id, status: view.status });
  res.end();
}

/**
 * `GET /jobs/:id/events`: Server-Sent Events for one job.
 *
 * 1. read the job: an unknown id answers 404 and an unavailable Redis 503,
 *    as plain problems, before any event;
 * 2. `event: status` with the JobView as it stands, then one more each
 *    time its status, attempts or progress change;
 * 3. at `succeeded`, `dead` or `cancelled`: that `status`, then
 *    `event: end` with `{id, status}`, and the stream closes;
 * 4. a read that fails mid-stream (Redis gone) sends `event: error` with
 *    the problem and closes; a client that leaves stops the watch.
 *
 * A comment line every 15 s keeps idle connections open through proxies;
 * each one also re-reads the job, in case an event was lost.
 *
 * @param heartbeatMs - @defaultValue 15 000 ms
 */
export function jobEventsRouter(
  queues: QueueSet,
  heartbeatMs = HEARTBEAT_MS,
): Router {
  const router = Router();
  router.get('/jobs/:id/events', async (req, res) => {
    const principal = principalOf(res);
    const watch = await watchJob(queues, req.params.id);
    res.status(200).set({
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-cache, no-transform',
      Connection: 'keep-alive',
      // nginx would otherwise buffer the stream.
      'X-Accel-Buffering': 'no',
    });
    res.flushHeaders();
    if (watch.finished) return sendEnd(res, principal, watch.first);
    send(res, 'status', jobViewFor(principal, watch.first));

    const heartbeat = setInterval(() => {
      res.write(': heartbeat\n\n');
      watch.refresh();
    }, heartbeatMs);
    const finish = () => {
      clearInterval(heartbeat);
      watch.stop();
    };
    res.on('close', finish);
    watch.start({
      onView: view => send(res, 'status', jobViewFor(principal, view)),
      onEnd: view => {
        finish();
        sendEnd(res, principal, view);
      },
      onError: error => {
        finish();
        send(res, 'error', toProblem(error));
        res.end();
      },
    });
  });
  return router;
}
