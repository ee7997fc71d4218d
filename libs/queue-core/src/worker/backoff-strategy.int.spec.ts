import {
  completed,
  jobCatalog,
  type JobEventKind,
  jobTypes,
} from '@errand/contracts';
import { getJobView } from '../store/find-job';
// Another wing's code, reached as users reach it: through the lib's door.
import { enqueueJob } from '../index';
import {
  FAST_RETRY_POLICY,
  testHandlers,
  useQueueFixture,
  waitFor,
} from '../testing/index';

/** Far from FAST_RETRY_POLICY's 50 ms, 100 ms: a wait this long is its own. */
const FIXED_MS = 400;

describe("the worker's backoff", () => {
  const fixture = useQueueFixture();

  describe("when a type's defaults name a fixed backoff", () => {
    it('waits that long after every failure of the type', async () => {
      const noop = jobCatalog['system.noop'];
      fixture.startConsumer({
        types: jobTypes,
        concurrency: 1,
        retryPolicy: FAST_RETRY_POLICY,
        catalog: {
          ...jobCatalog,
          'system.noop': {
            ...noop,
            defaults: {
              ...noop.defaults,
              backoff: { strategy: 'fixed', delayMs: FIXED_MS, jitter: 0 },
            },
          },
        },
        handlers: testHandlers({
          'system.noop': async (_, { attempt }) => {
            if (attempt <= 2) throw new Error(`attempt ${attempt} broke`);
            return completed({});
          },
        }),
      });
      const { id } = await enqueueJob(fixture.queues, {
        type: 'system.noop',
        payload: {},
        retries: 2,
      });

      const view = await waitFor(
        () => getJobView(fixture.queues, id),
        job => job.status === 'succeeded',
        10_000,
      );

      const at = (kind: JobEventKind) =>
        (view.timeline ?? [])
          .filter(e => e.event === kind)
          .map(e => Date.parse(e.at));
      const failed = at('failed');
      const started = at('started');
      expect(failed).toHaveLength(2);
      // The global policy would wait 50 ms, then 100 ms.
      for (const n of [1, 2]) {
        expect(started[n] - failed[n - 1]).toBeGreaterThanOrEqual(FIXED_MS);
      }
    });
  });

  describe('when a served type names a custom backoff nobody registered', () => {
    it('refuses to start, naming the type', () => {
      const noop = jobCatalog['system.noop'];

      expect(() =>
        fixture.startConsumer({
          types: jobTypes,
          concurrency: 1,
          catalog: {
            ...jobCatalog,
            'system.noop': {
              ...noop,
              defaults: {
                ...noop.defaults,
                backoff: { strategy: 'custom', name: 'by-status' },
              },
            },
          },
          handlers: testHandlers(),
        }),
      ).toThrow(/system\.noop.*"by-status"/);
    });
  });
});
