import { createHash } from 'node:crypto';
import { Router, type Request, type Response } from 'express';
import type { JobView } from '@errand/contracts';
import { watchJob, type JobStore } from '@errand/queue-core';
import type { Principal } from '../auth/api-key';
import { principalOf } from '../auth/principal-of';
import { toProblem } from '../http/to-problem';
import {
  DEFAULT_STREAM_LIFETIME_MS,
  type EventStreamLimits,
} from '../limits/event-stream-limits';
import { StreamSlots } from '../limits/stream-slots';
import { jobViewFor } from './job-view-for';

/** How often an idle stream sends a comment, so proxies keep it open. */
const HEARTBEAT_MS = 15_000;
/** The reconnection delay sent as `retry:` when a stream's lifetime ends. */
const RECONNECT_MS = 1_000;

/** The options of {@link jobEventsRouter}. */
export interface JobEventsOptions extends EventStreamLimits {
  /** @defaultValue 15 000 ms */
  heartbeatMs?: number;
}

/**
 * Each stream ends up to this share of its lifetime sooner, so streams
 * opened together (after a deploy) do not all come back together.
 */
const LIFETIME_JITTER = 0.1;

/**
 * The `id:` of a status event: a digest of the view as sent. Views are
 * snapshots, so the latest one is all a client needs; an id only has to
 * tell whether the client already holds the view as it stands.
 */
function versionOf(json: string): string {
  return createHash('sha256').update(json).digest('base64url').slice(0, 16);
}

function send(res: Response, event: string, data: unknown): void {
  res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
}

/** The status event of `view` as `principal` may see it, and its id. */
function statusEvent(principal: Principal, view: JobView) {
  const json = JSON.stringify(jobViewFor(principal, view));
  const id = versionOf(json);
  return { id, text: `event: status\nid: ${id}\ndata: ${json}\n\n` };
}

function sendEnd(res: Response, principal: Principal, view: JobView): void {
  res.write(statusEvent(principal, view).text);
  send(res, 'end', { id: view.id, status: view.status });
  res.end();
}

/** Whose budget a stream counts against: the key, or without keys the address. */
function holderOf(req: Request, principal: Principal): string {
  return principal.open ? `ip:${req.ip}` : `key:${principal.name}`;
}

/**
 * `GET /jobs/:id/events`: Server-Sent Events for one job.
 *
 * 1. take a slot: past the open streams allowed per key or per process,
 *    a 429 with `Retry-After`; the slot is freed when the stream closes,
 *    however it closes;
 * 2. read the job: an unknown id answers 404 and an unavailable Redis 503,
 *    as plain problems, before any event;
 * 3. `event: status` with the JobView as it stands (unless `Last-Event-ID`
 *    names that very view: the client reconnected and has it), then one
 *    more each time its status, attempts or progress change; each with an
 *    `id:`;
 * 4. at `succeeded`, `dead` or `cancelled`: that `status`, then
 *    `event: end` with `{id, status}`, and the stream closes;
 * 5. at its lifetime, `retry:` and the stream closes without `event: end`:
 *    the client reconnects;
 * 6. a read that fails mid-stream (Redis gone) sends `event: error` with
 *    the problem and closes; a client that leaves stops the watch.
 *
 * A comment line every 15 s keeps idle connections open through proxies;
 * each one also re-reads the job, in case an event was lost.
 */
export function jobEventsRouter(
  queues: JobStore,
  {
    heartbeatMs = HEARTBEAT_MS,
    maxLifetimeMs = DEFAULT_STREAM_LIFETIME_MS,
    ...limits
  }: JobEventsOptions = {},
): Router {
  const slots = new StreamSlots(limits);
  const router = Router();
  router.get('/jobs/:id/events', async (req, res) => {
    const principal = principalOf(res);
    // Freed on 'close', which a response emits however it ends: a problem
    // answer, the end of the stream, or the client leaving.
    res.once('close', slots.acquire(holderOf(req, principal)));
    const watch = await watchJob(queues, req.params.id);
    // The client left during the first read: nothing would stop the watch.
    if (res.closed) return;
    res.status(200).set({
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-cache, no-transform',
      Connection: 'keep-alive',
      // nginx would otherwise buffer the stream.
      'X-Accel-Buffering': 'no',
    });
    res.flushHeaders();
    if (watch.finished) return sendEnd(res, principal, watch.first);
    const first = statusEvent(principal, watch.first);
    if (req.get('last-event-id') !== first.id) res.write(first.text);

    const heartbeat = setInterval(() => {
      res.write(': heartbeat\n\n');
      watch.refresh();
    }, heartbeatMs);
    const lifetime = setTimeout(
      () => {
        finish();
        res.end(`: lifetime reached; reconnect\nretry: ${RECONNECT_MS}\n\n`);
      },
      maxLifetimeMs * (1 - LIFETIME_JITTER * Math.random()),
    );
    function finish() {
      clearInterval(heartbeat);
      clearTimeout(lifetime);
      watch.stop();
    }
    res.on('close', finish);
    watch.start({
      onView: view => void res.write(statusEvent(principal, view).text),
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
