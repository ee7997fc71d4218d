import { Type } from '@sinclair/typebox';
import {
  completed,
  jobCatalog,
  type JobDefinition,
  parseEnqueueRequest,
} from '@errand/contracts';
// Another wing's code, reached as users reach it: through the lib's door.
import { countJobs, enqueueJob } from '../index';
import { getJobView } from '../store/find-job';
import { testHandlers, useQueueFixture, waitFor } from '../testing/index';
import type { CatalogLike } from './catalog-like';

/** Version 2 of email.send, as a later deploy would ship it. */
const EmailSendV2Payload = Type.Object(
  {
    recipients: Type.Array(Type.String({ format: 'email' }), { minItems: 1 }),
    subject: Type.String({ minLength: 1 }),
  },
  { additionalProperties: false },
);

function catalogWith(emailSend: Partial<JobDefinition>): CatalogLike {
  return {
    ...jobCatalog,
    'email.send': { ...jobCatalog['email.send'], ...emailSend },
  } as CatalogLike;
}

const v2Catalog = catalogWith({
  version: 2,
  payload: EmailSendV2Payload,
  upcasters: {
    1: payload => {
      const { to, subject } = payload as { to: string; subject: string };
      return { recipients: [to], subject };
    },
  },
});

const welcome = parseEnqueueRequest({
  type: 'email.send',
  payload: { to: 'user@example.com', subject: 'Welcome!' },
});

describe('payload versions', () => {
  const fixture = useQueueFixture();

  function recordingHandlers(seen: unknown[]) {
    return testHandlers({
      'email.send': async payload => {
        seen.push(payload);
        return completed({ messageId: 'm' });
      },
    });
  }

  it('stores the catalog version with every job', async () => {
    const { id } = await enqueueJob(fixture.queues, welcome);
    const [job] = await fixture.queues.runWithDeadline(() =>
      fixture.queues.queueFor('email.send').getJobs(['wait']),
    );
    expect(job.id).toBe(id);
    expect(job.data).toMatchObject({ version: 1 });
  });

  describe('when a deploy brings v2 with an upcaster', () => {
    it('runs jobs queued at v1 as v2', async () => {
      const queued = await enqueueJob(fixture.queues, welcome);
      const seen: unknown[] = [];
      fixture.startConsumer({
        types: ['email.send'],
        concurrency: 1,
        handlers: recordingHandlers(seen),
        catalog: v2Catalog,
      });
      await waitFor(
        () => getJobView(fixture.queues, queued.id),
        view => view.status === 'succeeded',
      );
      expect(seen).toEqual([
        { recipients: ['user@example.com'], subject: 'Welcome!' },
      ]);
    });

    it('dead-letters a job whose upcaster is missing, naming the gap', async () => {
      const queued = await enqueueJob(fixture.queues, welcome);
      fixture.startConsumer({
        types: ['email.send'],
        concurrency: 1,
        handlers: testHandlers(),
        catalog: catalogWith({ version: 2, payload: EmailSendV2Payload }),
      });
      const dead = await waitFor(
        () => getJobView(fixture.queues, queued.id),
        view => view.status === 'dead',
      );
      expect(dead.attempts.made).toBe(1);
      expect(dead.lastError?.message).toMatch(
        /no upcaster from version 1 to 2/,
      );
    });
  });

  describe('when a job is newer than the worker', () => {
    it('waits, without using an attempt, for a worker that knows its version', async () => {
      // A v2 producer (the next deploy) enqueues; this worker knows only v1.
      const id = '00000000-0000-4000-8000-000000000002';
      await fixture.queues.runWithDeadline(() =>
        fixture.queues
          .queueFor('email.send')
          .add(
            'email.send',
            { payload: { recipients: ['a@b.co'], subject: 'Hi' }, version: 2 },
            { jobId: id, attempts: 1 },
          ),
      );
      const old = fixture.startConsumer({
        types: ['email.send'],
        concurrency: 1,
        handlers: testHandlers(),
      });
      const deferred = await waitFor(
        () => getJobView(fixture.queues, id),
        view => view.status === 'scheduled',
      );
      expect(deferred.attempts.made).toBe(0);
      expect(deferred.lastError).toBeNull();
      const stats = await countJobs(fixture.queues);
      expect(stats.find(s => s.type === 'email.send')).toMatchObject({
        version: 1,
        waitingByVersion: { '2': 1 },
      });
      await old.close(1_000);

      const seen: unknown[] = [];
      fixture.startConsumer({
        types: ['email.send'],
        concurrency: 1,
        handlers: recordingHandlers(seen),
        catalog: v2Catalog,
      });
      const done = await waitFor(
        () => getJobView(fixture.queues, id),
        view => view.status === 'succeeded',
        10_000,
      );
      expect(done.attempts.made).toBe(1);
      expect(seen).toEqual([{ recipients: ['a@b.co'], subject: 'Hi' }]);
    });
  });
});
