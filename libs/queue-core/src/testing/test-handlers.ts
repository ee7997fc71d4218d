import { setTimeout as sleep } from 'node:timers/promises';
import {
  completed,
  discard,
  type HandlerMap,
  jobTypes,
  retry,
} from '@errand/contracts';
import type { RetryPolicy } from '../store/retry/retry-policy';

/** Backoff short enough that a retried job dies within a test. */
export const FAST_RETRY_POLICY: RetryPolicy = {
  baseMs: 50,
  capMs: 200,
  jitter: 0,
};

/**
 * Types a test does not exercise discard their jobs, loudly, so that the
 * catalog can grow without every spec naming every type.
 */
const unhandled = Object.fromEntries(
  jobTypes.map(type => [
    type,
    async () => discard(`${type} has no handler in this test`),
  ]),
) as unknown as HandlerMap;

/**
 * A handler for every catalog type, each as simple as it can be
 * (`system.fail` ignores `times`); a test replaces the ones it is about.
 */
export function testHandlers(overrides: Partial<HandlerMap> = {}): HandlerMap {
  return {
    ...unhandled,
    'email.send': async payload =>
      completed({ messageId: `test-${payload.to}` }),
    'system.noop': async () => completed({}),
    'system.sleep': async ({ ms }, { signal }) => {
      await sleep(ms, undefined, { signal });
      return completed({ sleptMs: ms });
    },
    'system.fail': async ({ permanent, message = 'failed on purpose' }) =>
      permanent ? discard(message) : retry(message),
    ...overrides,
  };
}
