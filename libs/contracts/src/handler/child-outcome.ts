import type { JobType, ResultOf } from '../catalog/job-catalog';

/**
 * One child of a job, as its parent's handler reads it through
 * `context.children()`: its `type` narrows its `result` to that type's
 * result schema. A child is `pending` only when the parent runs before it
 * ended (a sibling died under `onFailure: "continue"`).
 */
export type ChildOutcome = {
  [T in JobType]:
    | { type: T; id: string; status: 'succeeded'; result: ResultOf<T> }
    | { type: T; id: string; status: 'dead'; reason: string }
    | { type: T; id: string; status: 'pending' };
}[JobType];
