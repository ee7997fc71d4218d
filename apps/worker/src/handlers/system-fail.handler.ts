/**
 * `system.fail`: throws on its first `times` attempts (every attempt when
 * `times` is left out), or discards at once when `permanent`.
 */
export const systemFailHandler: JobHandler<'system.fail'> = async (
  payload,
  context,
) => {
  const reason =
    payload.message ??
    `system.fail: attempt ${context.attempt} fails on purpose`;
  if (payload.permanent) return discard(reason);
  if (payload.times === undefined || context.attempt <= payload.times) {
    throw new Error(reason);
  }
  return completed({ succeededOnAttempt: context.attempt });
};
import { completed, discard, type JobHandler } from '@errand/contracts';
