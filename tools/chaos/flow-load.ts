import { pacedSends } from './paced-sends';
import type { RequestRecord } from './chaos-types';
import type { Load } from './load-generator';

/** One node of a flow the load posts: a `system.ledger` job. */
interface FlowNodePlan {
  /** The node's `ref`, in its payload and so in its ledger records. */
  ref: string;
  /** The `system.ledger` payload besides `ref`. */
  payload: Record<string, unknown>;
  /** Per-node options of `POST /flows` (`retries`, `onFailure`). */
  options?: Record<string, unknown>;
}

/** A flow of one parent and its children (one level). */
export interface FlowPlan {
  parent: FlowNodePlan;
  children: FlowNodePlan[];
}

/** How one `POST /flows` ended, and which refs it carried. */
export interface FlowRecord {
  /** The flow's place in the load (`<prefix>-<n>`). */
  ref: string;
  sentAt: number;
  endedAt: number;
  /** As {@link RequestRecord.outcome}: for the whole flow, all or nothing. */
  outcome: RequestRecord['outcome'];
  status?: number;
  /** The parent's ref and, once acknowledged, its job id (the flow's id). */
  parent: { ref: string; id?: string };
  children: Array<{ ref: string; id?: string }>;
}

/** How hard and how long to push `POST /flows`. */
export interface FlowLoadOptions {
  apiUrl: string;
  /** Flows in all. */
  count: number;
  /** Flows posted per second, paced. */
  ratePerSec: number;
  /** Requests in flight at once, at most. @defaultValue 8 */
  concurrency?: number;
  /** A request with no answer by then is `unknown`. @defaultValue 10 000 ms */
  timeoutMs?: number;
  /** Flow `n`'s nodes; refs must be unique across the load. */
  plan(n: number): FlowPlan;
}

/** A flow load in progress: a {@link Load} of its nodes, and its flows. */
export interface FlowLoad extends Load {
  /** Every flow so far, in the order their requests ended. */
  flows: FlowRecord[];
}

/** A tree body of `POST /flows` for `plan`. */
function bodyOf(plan: FlowPlan) {
  const node = ({ ref, payload, options }: FlowNodePlan) => ({
    type: 'system.ledger',
    payload: { ...payload, ref },
    ...options,
  });
  return { ...node(plan.parent), children: plan.children.map(node) };
}

/** The node records of a flow: each node shares the flow's outcome. */
function nodeRecords(flow: FlowRecord): RequestRecord[] {
  const { sentAt, endedAt, outcome, status } = flow;
  return [flow.parent, ...flow.children].map(node => ({
    ref: node.ref,
    sentAt,
    endedAt,
    outcome,
    ...(status !== undefined && { status }),
    ...(node.id !== undefined && { id: node.id }),
  }));
}

/**
 * Posts flows through `POST /flows`, as a client would, and records how
 * each request ended, as load-generator.ts does for `POST /enqueue`. Its
 * `records` are per node (a flow is stored all or nothing, so each node
 * takes its flow's outcome, and its id from the `202`), which is what the
 * checker of single jobs reads; `flows` keeps the tree for checkFlows.
 */
export function startFlowLoad(options: FlowLoadOptions): FlowLoad {
  const flows: FlowRecord[] = [];
  const records: RequestRecord[] = [];
  const concurrency = options.concurrency ?? 8;
  let stopped = false;
  const send = async (n: number) => {
    const plan = options.plan(n);
    const sentAt = Date.now();
    const answer = await postFlow(options, plan);
    const flow: FlowRecord = {
      ref: `flow-${n}`,
      sentAt,
      endedAt: Date.now(),
      outcome: answer.outcome,
      ...(answer.status !== undefined && { status: answer.status }),
      parent: { ref: plan.parent.ref, id: answer.ids?.get('/') },
      children: plan.children.map((child, i) => ({
        ref: child.ref,
        id: answer.ids?.get(`/children/${i}`),
      })),
    };
    flows.push(flow);
    records.push(...nodeRecords(flow));
  };
  const finished = pacedSends(
    { count: options.count, ratePerSec: options.ratePerSec, concurrency },
    send,
    () => stopped,
  ).then(() => records);
  return { flows, records, finished, stop: () => (stopped = true) };
}

interface FlowAnswer {
  outcome: RequestRecord['outcome'];
  status?: number;
  /** Node ids by path, from a `202`. */
  ids?: Map<string, string>;
}

async function postFlow(
  options: FlowLoadOptions,
  plan: FlowPlan,
): Promise<FlowAnswer> {
  try {
    const res = await fetch(`${options.apiUrl}/flows`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(bodyOf(plan)),
      signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
    });
    const body = (await res.json().catch(() => ({}))) as {
      nodes?: Array<{ path?: unknown; id?: unknown }>;
    };
    const ids = new Map<string, string>();
    for (const node of body.nodes ?? []) {
      if (typeof node.path === 'string' && typeof node.id === 'string') {
        ids.set(node.path, node.id);
      }
    }
    if (res.ok && ids.size === plan.children.length + 1) {
      return { outcome: 'acknowledged', status: res.status, ids };
    }
    return { outcome: 'failed', status: res.status };
  } catch (error) {
    const code = (error as { cause?: { code?: string } }).cause?.code;
    // Refused: the request never reached the API. Anything else may have.
    if (code === 'ECONNREFUSED') return { outcome: 'failed' };
    return { outcome: 'unknown' };
  }
}
