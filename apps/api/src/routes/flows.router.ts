import { Router } from 'express';
import {
  IDEMPOTENCY_HEADER,
  parseFlowRequest,
  parseIdempotencyKey,
  type FlowLimits,
  type JobType,
  type ValidFlowNode,
} from '@errand/contracts';
import {
  admitJobs,
  cancelFlow,
  enqueueFlow,
  enqueueFlowIdempotently,
  readFlow,
  type JobStore,
} from '@errand/queue-core';
import { principalOf } from '../auth/principal-of';
import { assertMayEnqueue, ownerOf } from '../auth/may-enqueue';
import { jsonBody } from '../http/json-body';
import { requestContextOf } from '../http/request-context';
import { addFlowEventsRoute } from './flow-events';
import {
  sendAccepted,
  storeOnceOptions,
  type EnqueueSettings,
} from './accept-enqueue';

/** What the flow routes need beside the store. */
export interface FlowSettings extends EnqueueSettings {
  /** The largest `POST /flows` body (a full flow is far larger than one job). */
  bodyLimit: string;
  /** Nodes and levels a flow may have. */
  limits: FlowLimits;
}

/** Jobs per type in a flow, to check the key's scope and the caps. */
function countTypes(root: ValidFlowNode): Map<JobType, number> {
  const perType = new Map<JobType, number>();
  const stack = [root];
  for (let node = stack.pop(); node; node = stack.pop()) {
    perType.set(node.request.type, (perType.get(node.request.type) ?? 0) + 1);
    stack.push(...node.children);
  }
  return perType;
}

/**
 * `POST /flows` (a tree or a chain of jobs, stored all at once, docs/flows.md),
 * `GET /flows/:id` (the tree, paged), `GET /flows/:id/events` (every node's
 * status change, flow-events.ts) and `DELETE /flows/:id` (cancel every
 * node that has not ended).
 *
 * A `POST /flows` goes as a `POST /enqueue` does: the `Idempotency-Key`
 * (400), every node against its contract, all or nothing (400, 413 past
 * the node limit), every node's type against the key's scope (403 naming
 * it), every type's queue cap (429), then one atomic store.
 */
export function flowsRouter(queues: JobStore, settings: FlowSettings): Router {
  const { bodyLimit, limits, admission } = settings;
  const router = Router();
  router.post('/flows', ...jsonBody(bodyLimit), async (req, res) => {
    const key = parseIdempotencyKey(req.get(IDEMPOTENCY_HEADER));
    const root = parseFlowRequest(req.body, limits);
    const principal = principalOf(res);
    const perType = countTypes(root);
    for (const type of perType.keys()) assertMayEnqueue(principal, type);
    // Every type's cap at once: one round trip, not one per type in turn.
    await Promise.all(
      [...perType].map(([type, count]) =>
        admitJobs(queues, type, count, admission),
      ),
    );
    const metadata = {
      owner: ownerOf(principal),
      traceparent: requestContextOf(res.locals)?.traceparent,
    };
    const outcome = key
      ? await enqueueFlowIdempotently(
          queues,
          root,
          storeOnceOptions(key, req, settings, metadata),
        )
      : { accepted: await enqueueFlow(queues, root, metadata), created: true };
    sendAccepted(res, outcome, `/flows/${outcome.accepted.id}`);
  });
  router.get('/flows/:id', async (req, res) => {
    const cursor =
      typeof req.query.cursor === 'string' ? req.query.cursor : undefined;
    res.json(await readFlow(queues, req.params.id, { cursor }));
  });
  // 202: every node that had not ended is cancelled, or (running) asked to stop.
  router.delete('/flows/:id', async (req, res) => {
    const result = await cancelFlow(
      queues,
      req.params.id,
      principalOf(res).name,
    );
    res.status(202).json(result);
  });
  addFlowEventsRoute(router, queues);
  return router;
}
