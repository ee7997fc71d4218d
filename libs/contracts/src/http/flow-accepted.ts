import { Type, type Static } from '@sinclair/typebox';
import { JobStatus } from '../catalog/job-status';

/** One stored node of a flow: its job and where it sat in the request. */
export const FlowNodeAccepted = Type.Object(
  {
    path: Type.String({
      description:
        'The node in the request body, as a JSON Pointer: `/`, `/children/2`, `/chain/1`.',
    }),
    id: Type.String({ format: 'uuid' }),
    type: Type.String(),
    name: Type.Optional(Type.String()),
    status: JobStatus,
  },
  { additionalProperties: false },
);
export type FlowNodeAccepted = Static<typeof FlowNodeAccepted>;

/**
 * The `202` answer to `POST /flows`: the root's id, which is the flow's id,
 * and every node, parents before their children.
 */
export const FlowAccepted = Type.Object(
  {
    id: Type.String({
      format: 'uuid',
      description: "The root job's id: the flow's id.",
    }),
    type: Type.String(),
    status: JobStatus,
    createdAt: Type.String({ format: 'date-time' }),
    nodes: Type.Array(FlowNodeAccepted),
  },
  { additionalProperties: false },
);
export type FlowAccepted = Static<typeof FlowAccepted>;
