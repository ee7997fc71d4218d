import {
  type FlowAccepted,
  type FlowView,
  IDEMPOTENCY_HEADER,
  type TypedFlowChain,
  type TypedFlowNode,
} from '@errand/contracts';
import { sendRequest, type Transport } from '../transport/send-request';
import { checkFlowRequest } from '../validation/check-enqueue-request';

/**
 * `client.flows`: jobs that wait for jobs (docs/flows.md). Every node is
 * typed by its job type's contract at any depth, so a wrong child payload
 * fails to compile.
 */
export interface ErrandFlows {
  /**
   * `POST /flows`: a tree (`{type, payload, children: [...]}`) or a chain
   * (`{chain: [a, b, c]}`), stored all or none; answers the root's id (the
   * flow's) and every node's id and path. `idempotencyKey` works as on
   * `enqueue`.
   */
  create(
    flow: TypedFlowNode | TypedFlowChain,
    options?: { idempotencyKey?: string },
  ): Promise<FlowAccepted>;
  /** `GET /flows/:id`: the tree, one page of nodes at a time. */
  get(id: string, options?: { cursor?: string }): Promise<FlowView>;
}

/** Builds `client.flows` over the client's transport. */
export function createFlowsClient(
  transport: Transport,
  validateLocally: boolean,
): ErrandFlows {
  return {
    async create(flow, { idempotencyKey } = {}) {
      if (validateLocally) checkFlowRequest(flow);
      return sendRequest(transport, {
        method: 'POST',
        path: '/flows',
        body: flow,
        ...(idempotencyKey !== undefined && {
          headers: { [IDEMPOTENCY_HEADER]: idempotencyKey },
        }),
      });
    },
    get(id, { cursor } = {}) {
      const query =
        cursor === undefined ? '' : `?cursor=${encodeURIComponent(cursor)}`;
      return sendRequest(transport, {
        method: 'GET',
        path: `/flows/${encodeURIComponent(id)}${query}`,
      });
    },
  };
}
