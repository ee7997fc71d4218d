import { Type, type Static } from '@sinclair/typebox';
import { JobStatus } from '../catalog/job-status';
import { ChildrenSummary } from './job-view';

/** The most nodes one page of `GET /flows/:id` holds. */
export const FLOW_PAGE_SIZE = 1_000;

/** One node of a flow as `GET /flows/:id` lists it. */
export const FlowNodeView = Type.Object(
  {
    id: Type.String(),
    type: Type.String(),
    name: Type.Optional(Type.String()),
    status: JobStatus,
    /** The node it is a child of; null for the flow's root. */
    parentId: Type.Union([Type.String(), Type.Null()]),
    /** Levels below the root: 0 for the root. */
    depth: Type.Integer({ minimum: 0 }),
    /** How many children it has. */
    children: Type.Integer({ minimum: 0 }),
  },
  { additionalProperties: false },
);
export type FlowNodeView = Static<typeof FlowNodeView>;

/**
 * `GET /flows/:id`: the flow's root, counts over every node, and one page of
 * nodes, parents before children (breadth first); `nextCursor` asks for the
 * next page, null on the last.
 */
export const FlowView = Type.Object(
  {
    id: Type.String(),
    type: Type.String(),
    status: JobStatus,
    /** Every node, the root included, by status. */
    nodes: ChildrenSummary,
    page: Type.Array(FlowNodeView),
    nextCursor: Type.Union([Type.String(), Type.Null()]),
  },
  { additionalProperties: false },
);
export type FlowView = Static<typeof FlowView>;
