/**
 * How the flows section stores one flow, for each system: the same tree,
 * a parent (`system.sleep` of 0 ms, a type of its own) over N
 * `system.noop` children, through Errand's API or raw `FlowProducer.add`.
 */
import { randomUUID } from 'node:crypto';
import { IDEMPOTENCY_HEADER, type FlowAccepted } from '@errand/contracts';
import { ERRAND_PREFIX, RAW_PREFIX, RAW_QUEUE } from '../bench-context';
import { openRawFlowProducer, rawFlowTree } from '../baselines/raw-flow';

export const CHILD_TYPE = 'system.noop';
export const PARENT_TYPE = 'system.sleep';
/** The raw flow's queues: its parent's, its children's. */
export const RAW_QUEUES = { parent: `${RAW_QUEUE}.parent`, child: RAW_QUEUE };

/** Stores one flow, for either system. */
export interface FlowSender {
  /** Resolves with its parent's key and its children's, once stored. */
  send(): Promise<{ parentKey: string; childKeys: string[] }>;
}

/**
 * `POST /flows` of the tree, as a client sends it; with `keyed`, each
 * under a new `Idempotency-Key`, so each is stored.
 */
export function errandSender(
  apiUrl: string,
  children: number,
  keyed = false,
): FlowSender {
  const child = { type: CHILD_TYPE, payload: {} };
  // Serialised once: what is timed is the API, not the bench's JSON.
  const body = JSON.stringify({
    type: PARENT_TYPE,
    payload: { ms: 0 },
    children: Array.from({ length: children }, () => child),
  });
  const keyOf = (type: string, id: string) => `${ERRAND_PREFIX}:${type}:${id}`;
  return {
    async send() {
      const res = await fetch(`${apiUrl}/flows`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(keyed && { [IDEMPOTENCY_HEADER]: randomUUID() }),
        },
        body,
      });
      if (res.status !== 202) {
        throw new Error(
          `POST /flows answered ${res.status}: ${await res.text()}`,
        );
      }
      const accepted = (await res.json()) as FlowAccepted;
      return {
        parentKey: keyOf(PARENT_TYPE, accepted.id),
        childKeys: accepted.nodes
          .slice(1)
          .map(node => keyOf(CHILD_TYPE, node.id)),
      };
    },
  };
}

/** Raw `FlowProducer.add` of the same tree, in the bench process. */
export function rawSender(
  producer: ReturnType<typeof openRawFlowProducer>,
  children: number,
): FlowSender {
  const keyOf = (queue: string, id?: string) =>
    `${RAW_PREFIX}:${queue}:${id ?? ''}`;
  return {
    async send() {
      const added = await producer.add(rawFlowTree(RAW_QUEUES, children));
      return {
        parentKey: keyOf(RAW_QUEUES.parent, added.job.id),
        childKeys: (added.children ?? []).map(child =>
          keyOf(RAW_QUEUES.child, child.job.id),
        ),
      };
    },
  };
}
