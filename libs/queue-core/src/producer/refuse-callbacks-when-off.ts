import {
  ContractViolationError,
  ErrorCode,
  type FieldIssue,
} from '@errand/contracts';
import type { JobStore } from '../store/job-store';

/**
 * Refuses requests that ask for a callback when this process has no
 * `CALLBACK_SIGNING_SECRET` to sign it with: a 400 naming each such
 * request's `callback` (`/callback`, `/jobs/3/callback` with `pathOf`
 * giving `/jobs/3`), before anything is stored.
 */
export function refuseCallbacksWhenOff(
  store: Pick<JobStore, 'callbackSecret'>,
  requests: readonly { callback?: unknown }[],
  pathOf: (index: number) => string = () => '',
): void {
  if (store.callbackSecret) return;
  const issues: FieldIssue[] = requests.flatMap((request, index) =>
    request.callback
      ? [
          {
            path: `${pathOf(index)}/callback`,
            message:
              'Callbacks are off: the API has no CALLBACK_SIGNING_SECRET to sign them with.',
          },
        ]
      : [],
  );
  if (issues.length > 0) {
    throw new ContractViolationError(
      ErrorCode.invalidRequest,
      'A callback was asked for, but callbacks are not configured.',
      issues,
    );
  }
}
