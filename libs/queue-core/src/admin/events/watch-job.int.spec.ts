import type { JobView } from '@errand/contracts';
import { enqueueJob } from '../../index';
import { testHandlers, useQueueFixture, waitFor } from '../../testing/index';
import { closeJobEvents, jobEventHubOf } from './job-event-hub';
import { watchJob, type JobWatchListener } from './watch-job';

/** A listener that records what it is told. */
function recorder() {
  const told: { kind: string; view?: JobView; error?: unknown }[] = [];
  const listener: JobWatchListener = {
    onView: view => told.push({ kind: 'view', view }),
    onEnd: view => told.push({ kind: 'end', view }),
    onError: error => told.push({ kind: 'error', error }),
  };
  return { told, listener };
}

describe('watchJob', () => {
  const fixture = useQueueFixture();
  const enqueueSleep = (ms: number) =>
    enqueueJob(fixture.queues, { type: 'system.sleep', payload: { ms } });

  describe('when many watch jobs of one type', () => {
    it('reads the events of the type once, until the last one stops', async () => {
      const jobs = await Promise.all([enqueueSleep(1), enqueueSleep(1)]);
      const watches = await Promise.all(
        [...jobs, jobs[0]].map(job => watchJob(fixture.queues, job.id)),
      );
      const hub = jobEventHubOf(fixture.queues);

      watches.forEach(watch => watch.start(recorder().listener));

      expect(hub.watcherCount()).toBe(3);
      expect(hub.readerCount()).toBe(1);
      watches[0].stop();
      watches[1].stop();
      expect(hub.readerCount()).toBe(1);
      watches[2].stop();
      watches[2].stop();
      expect([hub.watcherCount(), hub.readerCount()]).toEqual([0, 0]);
    });
  });

  describe('when the job runs', () => {
    it('tells each change once, then the end', async () => {
      const { id } = await enqueueSleep(200);
      const watch = await watchJob(fixture.queues, id);
      const { told, listener } = recorder();
      watch.start(listener);

      fixture.startConsumer({
        types: ['system.sleep'],
        concurrency: 1,
        handlers: testHandlers(),
      });
      await waitFor(
        async () => told.at(-1)?.kind,
        kind => kind === 'end',
      );

      expect(watch.first.status).toBe('queued');
      expect(told.map(t => `${t.kind}:${t.view?.status}`)).toEqual([
        'view:running',
        'end:succeeded',
      ]);
      expect(jobEventHubOf(fixture.queues).watcherCount()).toBe(0);
    });
  });

  describe('when the hub closes under a watch', () => {
    it('tells the watcher that the queue is unavailable, once', async () => {
      const { id } = await enqueueSleep(1);
      const watch = await watchJob(fixture.queues, id);
      const { told, listener } = recorder();
      watch.start(listener);

      await closeJobEvents(fixture.queues);
      watch.refresh();

      expect(told).toEqual([
        {
          kind: 'error',
          error: expect.objectContaining({ code: 'queue.unavailable' }),
        },
      ]);
    });
  });
});
