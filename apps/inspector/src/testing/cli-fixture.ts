import { parseEnqueueRequest, type JobView } from '@errand/contracts';
import { enqueueJob, getJobView } from '@errand/queue-core';
import {
  testHandlers,
  useQueueFixture,
  waitFor,
  type QueueFixture,
} from '@errand/queue-core/testing';
import {
  runInspectorProcess,
  type InspectorRun,
} from './run-inspector-process';

/** A queue fixture plus the CLI process pointed at its Redis and prefix. */
export interface CliFixture {
  queues: QueueFixture;
  /** Runs `inspector <args>` against this test's Redis and prefix. */
  inspector(
    args: string[],
    env?: Record<string, string>,
  ): Promise<InspectorRun>;
  /** Enqueues through the contracts, as the API does. */
  enqueue(body: unknown): Promise<{ id: string }>;
  /** Enqueues `n` system.fail jobs and runs them until all are dead. */
  deadJobs(n: number, message?: string): Promise<string[]>;
  view(id: string): Promise<JobView>;
}

/** Registers the hooks of a CLI spec; call at the top of a `describe`. */
export function useCliFixture(): CliFixture {
  const queues = useQueueFixture();
  const fixture: CliFixture = {
    queues,
    inspector: (args, env = {}) =>
      runInspectorProcess(args, {
        REDIS_URL: queues.server.url,
        QUEUE_PREFIX: queues.prefix,
        ...env,
      }),
    enqueue: body => enqueueJob(queues.queues, parseEnqueueRequest(body)),
    view: id => getJobView(queues.queues, id),
    async deadJobs(n, message = 'failed on purpose') {
      const ids: string[] = [];
      for (let i = 0; i < n; i += 1) {
        const job = await fixture.enqueue({
          type: 'system.fail',
          payload: { permanent: true, message },
        });
        ids.push(job.id);
      }
      const consumer = queues.startConsumer({
        types: ['system.fail'],
        concurrency: 4,
        handlers: testHandlers(),
      });
      for (const id of ids) {
        await waitFor(
          () => fixture.view(id),
          view => view.status === 'dead',
        );
      }
      await consumer.close(1_000);
      return ids;
    },
  };
  return fixture;
}
