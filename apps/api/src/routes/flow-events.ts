import type { Request, Response, Router } from 'express';
import { watchFlow, type JobStore } from '@errand/queue-core';
import { principalOf } from '../auth/principal-of';
import { toProblem } from '../http/to-problem';
import {
  DEFAULT_STREAM_LIFETIME_MS,
  type EventStreamLimits,
} from '../limits/event-stream-limits';
import { StreamSlots } from '../limits/stream-slots';

/** How often an idle stream sends a comment, so proxies keep it open. */
const HEARTBEAT_MS = 15_000;
/** The reconnection delay sent as `retry:` when a stream's lifetime ends. */
const RECONNECT_MS = 1_000;

function send(res: Response, event: string, data: unknown): void {
  res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
}

function holderOf(req: Request, res: Response): string {
  const principal = principalOf(res);
  return principal.open ? `ip:${req.ip}` : `key:${principal.name}`;
}

/**
 * `GET /flows/:id/events`: Server-Sent Events for a whole flow.
 *
 * 1. a slot, as for a job's stream (429 past the streams allowed per key
 *    or per process, counted apart from job streams);
 * 2. the tree is walked: an unknown id answers 404 before any event;
 * 3. `event: node` with `{id, type, parentId, status}` for every node, then
 *    one more each time a node's status changes (children a handler adds
 *    included); no poll: the job event hub's readers drive it
 *    (queue-core admin/flows/watch-flow.ts);
 * 4. when the root ends, `event: end` with `{id, status, counts}` and the
 *    stream closes; at its lifetime, `retry:` and it closes without one;
 * 5. a read that fails mid-stream sends `event: error` and closes.
 */
export function addFlowEventsRoute(
  router: Router,
  queues: JobStore,
  {
    maxLifetimeMs = DEFAULT_STREAM_LIFETIME_MS,
    ...limits
  }: EventStreamLimits = {},
): void {
  const slots = new StreamSlots(limits);
  router.get('/flows/:id/events', async (req, res) => {
    res.once('close', slots.acquire(holderOf(req, res)));
    let stop: () => void = () => undefined;
    const started = watchFlow(queues, req.params.id, {
      onNode: change => send(res, 'node', change),
      onEnd: end => {
        finish();
        send(res, 'end', end);
        res.end();
      },
      onError: error => {
        finish();
        send(res, 'error', toProblem(error));
        res.end();
      },
    });
    // Headers go with the first event; a missing flow rejects before it.
    res.status(200).set({
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-cache, no-transform',
      Connection: 'keep-alive',
      'X-Accel-Buffering': 'no',
    });
    const heartbeat = setInterval(
      () => res.write(': heartbeat\n\n'),
      HEARTBEAT_MS,
    );
    const lifetime = setTimeout(() => {
      finish();
      res.end(`: lifetime reached; reconnect\nretry: ${RECONNECT_MS}\n\n`);
    }, maxLifetimeMs);
    function finish() {
      clearInterval(heartbeat);
      clearTimeout(lifetime);
      stop();
    }
    res.on('close', finish);
    try {
      stop = await started;
    } catch (error) {
      finish();
      throw error;
    }
    if (res.closed) stop();
  });
}
