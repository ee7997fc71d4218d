import { JobStore } from '../store/job-store';
import type { QueueFixture } from './queue-fixture';

/** The callback signing secret of {@link useCallbackStore}'s store. */
export const TEST_CALLBACK_SECRET = 'cbsec_0123456789abcdef';

/**
 * Registers hooks that open, per test, a JobStore on the fixture's Redis
 * and prefix that signs callbacks with {@link TEST_CALLBACK_SECRET} (as an
 * API with `CALLBACK_SIGNING_SECRET` does), and close it after the test.
 * Call it at the top of a `describe`, after `useQueueFixture`.
 */
export function useCallbackStore(fixture: QueueFixture): () => JobStore {
  let store: JobStore | undefined;
  beforeEach(() => {
    store = new JobStore({
      redisUrl: fixture.server.url,
      prefix: fixture.prefix,
      callbackSecret: TEST_CALLBACK_SECRET,
    });
  });
  afterEach(async () => {
    await store?.close();
    store = undefined;
  });
  return () => {
    if (!store) throw new Error('The callback store is only there in tests.');
    return store;
  };
}
