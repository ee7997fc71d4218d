import type { JobsOptions } from 'bullmq';
import type { OnFailure } from '@errand/contracts';

/**
 * A child's `onFailure` in BullMQ's terms: what its death (its last attempt
 * failed, or it was discarded) does to its parent. Stored in the child's
 * options, read by BullMQ's `moveToFinished` script when the child fails:
 * - `fail-parent` → `failParentOnFailure`: the parent leaves
 *   `waiting-children` with a deferred failure naming the child, and the
 *   next worker to take it fails it without running it: it ends `dead`;
 * - `ignore` → `ignoreDependencyOnFailure`: the child moves from the
 *   parent's pending set to its failed set, and the parent runs once no
 *   child is pending, seeing this one as dead;
 * - `continue` → `continueParentOnFailure`: the parent runs at once, with
 *   whatever has finished; children still pending keep running.
 * Replaying a dead child from the dead-letter queue (BullMQ's `retry`)
 * puts it back among its parent's pending children: a parent still
 * waiting then waits for it too, and goes on when it succeeds. Under
 * `fail-parent` the parent has already failed; reopen-parent.ts moves it
 * back to `waiting-children` before the child moves.
 */
export function failurePolicyOptions(onFailure: OnFailure): JobsOptions {
  switch (onFailure) {
    case 'fail-parent':
      return { failParentOnFailure: true };
    case 'ignore':
      return { ignoreDependencyOnFailure: true };
    case 'continue':
      return { continueParentOnFailure: true };
  }
}
