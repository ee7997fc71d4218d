import {
  DEFAULT_FLOW_MAX_DEPTH,
  DEFAULT_FLOW_MAX_NODES,
  ErrorCode,
  FLOW_PAGE_SIZE,
  FlowAccepted,
  FlowChain,
  FlowStep,
  FlowView,
  toJsonSchema,
  type JsonSchema,
} from '@errand/contracts';
import { Type } from '@sinclair/typebox';
import type { OpenApiParameter, OpenApiPaths } from './openapi-object';
import {
  jobNotFound,
  problemResponse,
  queueUnavailable,
} from './problem-responses';
import { jobEndedCallbacks } from './callback-paths';
import { componentRef } from './schema-names';

const flowId: OpenApiParameter = {
  name: 'id',
  in: 'path',
  required: true,
  description:
    'The id `POST /flows` answered with (its root job), or any node of it: the flow below that node.',
  schema: toJsonSchema(Type.String()),
};

const json = (name: string) => ({
  'application/json': { schema: componentRef(name) },
});

/** The flow schemas, `FlowNode` naming itself for its children. */
export function flowSchemas(): Record<string, JsonSchema> {
  const node = Type.Object(
    {
      ...FlowStep.properties,
      children: Type.Optional(
        Type.Array(Type.Unsafe(componentRef('FlowNode')), {
          minItems: 1,
          description: 'Jobs that run, and end, before this one.',
        }),
      ),
    },
    { additionalProperties: false },
  );
  return {
    FlowNode: toJsonSchema(node),
    FlowChain: toJsonSchema(FlowChain),
    FlowAccepted: toJsonSchema(FlowAccepted),
    FlowView: toJsonSchema(FlowView),
  };
}

/** `POST /flows`, `GET /flows/{id}`, its events and `DELETE /flows/{id}` (docs/flows.md). */
export function flowPaths(): OpenApiPaths {
  return {
    '/flows': {
      post: {
        operationId: 'createFlow',
        summary: 'Enqueue a flow: a tree or a chain of jobs',
        description: `A tree (\`{type, payload, children: [...]}\`, each node a \`POST /enqueue\` body with an optional \`name\`, unique among its siblings, and \`onFailure\`) or a chain (\`{chain: [a, b, c]}\`: a, then b, then c). A parent runs once its children have ended, and reads their outcomes. Every node is checked against its contract first, all or nothing, then the whole tree is stored in one transaction. At most ${DEFAULT_FLOW_MAX_NODES} nodes and ${DEFAULT_FLOW_MAX_DEPTH} levels by default (\`FLOW_MAX_NODES\`, \`FLOW_MAX_DEPTH\`). An \`Idempotency-Key\` works as on \`POST /enqueue\`.`,
        tags: ['flows'],
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: {
                oneOf: [componentRef('FlowNode'), componentRef('FlowChain')],
              },
              examples: {
                pipeline: {
                  summary: 'Resize an image, render a PDF, email it',
                  value: {
                    chain: [
                      {
                        type: 'image.resize',
                        payload: {
                          url: 'https://example.com/cat.png',
                          width: 200,
                        },
                      },
                      {
                        type: 'pdf.render',
                        payload: { title: 'Cats', paragraphs: ['Resized.'] },
                      },
                      {
                        type: 'email.send',
                        payload: { to: 'user@example.com', subject: 'Cats' },
                      },
                    ],
                  },
                },
              },
            },
          },
        },
        callbacks: jobEndedCallbacks('{$request.body#/callback/url}'),
        responses: {
          '200': {
            description:
              'A repeat of an earlier request with the same `Idempotency-Key` and body: the flow as it was accepted.',
            content: json('FlowAccepted'),
          },
          '202': {
            description:
              "Stored: the root's id (the flow's id), and every node's id and path in the body, parents first.",
            content: json('FlowAccepted'),
          },
          '400': problemResponse('The flow breaks the contract; none stored.', {
            [ErrorCode.invalidRequest]:
              'a node is wrong (unknown type, a name repeated among siblings, a chain of one, deeper than the limit); `errors` points at each field (`/children/2/type`).',
            [ErrorCode.invalidPayload]:
              "only payloads break their type's contract; `errors` points at each field (`/children/2/payload/to`).",
            [ErrorCode.malformedJson]: 'the body is not valid JSON.',
            [ErrorCode.invalidParameter]: 'the `Idempotency-Key` is malformed.',
          }),
          '409': problemResponse('The key was used with another body.', {
            [ErrorCode.idempotencyConflict]: 'use a new key for a new flow.',
          }),
          '413': problemResponse('The flow is too large.', {
            [ErrorCode.flowTooLarge]:
              'more nodes than `FLOW_MAX_NODES`; the detail names the limit.',
            [ErrorCode.bodyTooLarge]: 'the body is over 16 MB.',
          }),
          '415': problemResponse('The body is not JSON.', {
            [ErrorCode.unsupportedMediaType]:
              'send `Content-Type: application/json`.',
          }),
          '429': problemResponse("A type's queue is full.", {
            [ErrorCode.queueFull]:
              "one of the flow's types is at its cap; try again after `Retry-After` seconds.",
          }),
          '503': queueUnavailable(),
        },
      },
    },
    '/flows/{id}/events': {
      get: {
        operationId: 'streamFlowEvents',
        summary: "Follow a flow's nodes live",
        description:
          'Server-Sent Events: `event: node` with `{id, type, parentId, status}` for every node as it stands, then one for each status change (children a handler adds with `waitForChildren` included); when the root ends, `event: end` with `{id, status, counts}` and the stream closes. At the stream lifetime (`EVENT_STREAM_MAX_MS`) it sends `retry:` and closes without `end`; a read that fails mid-stream sends `event: error` with the problem. Past the open streams allowed per key or per process, 429 with `Retry-After`.',
        tags: ['flows'],
        parameters: [flowId],
        responses: {
          '200': {
            description: 'The stream.',
            content: {
              'text/event-stream': { schema: toJsonSchema(Type.String()) },
            },
          },
          '404': jobNotFound(),
          '503': queueUnavailable(),
        },
      },
    },
    '/flows/{id}': {
      get: {
        operationId: 'getFlow',
        summary: 'Read a flow',
        description: `The root, every node counted by status, and a page of at most ${FLOW_PAGE_SIZE} nodes, parents before children; \`nextCursor\` (as \`?cursor=\`) reads the next page. A producer key reads only the flows it enqueued.`,
        tags: ['flows'],
        parameters: [
          flowId,
          {
            name: 'cursor',
            in: 'query',
            required: false,
            description: 'The `nextCursor` of the page before.',
            schema: toJsonSchema(Type.String()),
          },
        ],
        responses: {
          '200': { description: 'The flow.', content: json('FlowView') },
          '404': jobNotFound(),
          '503': queueUnavailable(),
        },
      },
      delete: {
        operationId: 'cancelFlow',
        summary: 'Cancel a flow',
        description:
          'Cancels every node that has not ended, parents first, each as `DELETE /jobs/{id}` would: a waiting, queued or scheduled node ends `cancelled`, a running one has its abort signal fired. Nodes that ended are left alone.',
        tags: ['flows'],
        parameters: [flowId],
        responses: {
          '202': {
            description:
              'How many nodes were cancelled, asked to stop, or had ended.',
            content: {
              'application/json': {
                schema: toJsonSchema(
                  Type.Object(
                    {
                      cancelled: Type.Integer({ minimum: 0 }),
                      requested: Type.Integer({ minimum: 0 }),
                      ended: Type.Integer({ minimum: 0 }),
                    },
                    { additionalProperties: false },
                  ),
                ),
              },
            },
          },
          '404': jobNotFound(),
          '503': queueUnavailable(),
        },
      },
    },
  };
}
