import { Type, type Static } from '@sinclair/typebox';
import type { JobType, PayloadOf } from '../catalog/job-catalog';
import type { EnqueueOptions } from '../validation/parse-enqueue-request';
import { EnqueueRequest } from './enqueue-request';

/** The most nodes one `POST /flows` may hold, unless configured. */
export const DEFAULT_FLOW_MAX_NODES = 10_000;
/** The most levels one flow may have (a root alone is one), unless configured. */
export const DEFAULT_FLOW_MAX_DEPTH = 10;

/**
 * What a node's death does to its parent (docs/flows.md):
 * - `fail-parent`: the parent ends `dead`, its reason naming the child;
 * - `ignore`: the parent runs when its other children have ended, and sees
 *   this child as dead;
 * - `continue`: the parent runs at once with what has finished so far.
 */
const onFailurePolicies = ['fail-parent', 'ignore', 'continue'] as const;

/** One of {@link onFailurePolicies}. */
export const OnFailure = Type.Union(
  onFailurePolicies.map(p => Type.Literal(p)),
  {
    description:
      "What this node's death does to its parent: `fail-parent` (the default) ends it dead, `ignore` lets it run when the others have ended, `continue` runs it at once.",
  },
);
export type OnFailure = Static<typeof OnFailure>;

/** The fields a flow node adds to an enqueue item. */
const nodeFields = {
  name: Type.Optional(
    Type.String({
      minLength: 1,
      maxLength: 100,
      description: 'A name for the node, unique among its siblings.',
    }),
  ),
  onFailure: Type.Optional(OnFailure),
};

/**
 * One node of a flow without its children: exactly a `POST /enqueue` body
 * (so every per-job option an enqueue takes, a node takes too), a name and
 * a failure policy. A tree node adds `children` (the OpenAPI document's
 * `FlowNode`); a chain step has none: the step before it is its child.
 */
export const FlowStep = Type.Object(
  { ...EnqueueRequest.properties, ...nodeFields },
  { additionalProperties: false },
);

/** `{"chain": [a, b, c]}`: a, then b, then c; each step reads the one before. */
export const FlowChain = Type.Object(
  { chain: Type.Array(FlowStep, { minItems: 2 }) },
  { additionalProperties: false },
);

/**
 * A flow node typed by its job type, so a client's compiler refuses a
 * payload that does not fit its type, at any depth.
 */
export type TypedFlowNode = {
  [T in JobType]: {
    type: T;
    payload: PayloadOf<T>;
    name?: string;
    onFailure?: OnFailure;
    children?: TypedFlowNode[];
  } & EnqueueOptions;
}[JobType];

/**
 * A node without children, typed like {@link TypedFlowNode}: a chain's
 * step, or a child a handler asks for with `waitForChildren`.
 */
export type TypedFlowStep = {
  [T in JobType]: {
    type: T;
    payload: PayloadOf<T>;
    name?: string;
    onFailure?: OnFailure;
  } & EnqueueOptions;
}[JobType];

/** A chain typed like {@link TypedFlowNode}: its steps have no children. */
export interface TypedFlowChain {
  chain: TypedFlowStep[];
}
