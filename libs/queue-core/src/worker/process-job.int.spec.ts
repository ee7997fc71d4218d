import { randomUUID } from 'node:crypto';
import {
  completed,
  discard,
  type HandlerMap,
  type JobContext,
  jobTypes,
  type JobView,
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
import type { SettledEvent } from './process-job';

const isDead = (view: JobView) => view.status === 'dead';

describe('the consumer pipeline', () => {
  const fixture = useQueueFixture();
  let events: SettledEvent[];

  beforeEach(() => {
    events = [];
  });

  function start(handlers: Partial<HandlerMap>): void {
    fixture.startConsumer({
      types: jobTypes,
      concurrency: 1,
      handlers: testHandlers(handlers),
      retryPolicy: FAST_RETRY_POLICY,
      hooks: { onSettled: event => events.push(event) },
    });
  }

  const deadView = (id: string) =>
    waitFor(() => getJobView(fixture.queues, id), isDead);

  describe('when an attempt runs', () => {
    it('reports its start before the handler runs, its end after', async () => {
      const order: string[] = [];
      fixture.startConsumer({
        types: jobTypes,
        concurrency: 1,
        handlers: testHandlers({
          'system.noop': async () => {
            order.push('handler');
            return completed({});
          },
        }),
        hooks: {
          onStarted: type => order.push(`started ${type}`),
          onSettled: event => order.push(`settled ${event.settlement}`),
        },
      });
      await enqueueJob(fixture.queues, { type: 'system.noop', payload: {} });

      await waitFor(
        async () => order.length,
        n => n === 3,
      );

      expect(order).toEqual([
        'started system.noop',
        'handler',
        'settled succeeded',
      ]);
    });
  });

  describe('when a handler throws on every attempt', () => {
    it('dead-letters the job after its retries, keeping the error', async () => {
      const contexts: JobContext[] = [];
      start({
        'system.noop': async (_, context) => {
          contexts.push(context);
          throw new Error('the disk is full');
        },
      });
      const { id } = await enqueueJob(fixture.queues, {
        type: 'system.noop',
        payload: {},
        retries: 1,
      });

      const view = await deadView(id);

      expect(view.attempts).toEqual({ made: 2, allowed: 2 });
      expect(view.lastError?.message).toBe('the disk is full');
      expect(view.lastError?.stack).toMatch(/^Error: the disk is full\n\s+at /);
      expect(contexts.map(c => [c.attempt, c.maxAttempts])).toEqual([
        [1, 2],
        [2, 2],
      ]);
    });

    it('keeps a readable last error when the handler throws a non-Error', async () => {
      start({
        'system.noop': async () => {
          throw { reason: 'not an Error' };
        },
      });
      const { id } = await enqueueJob(fixture.queues, {
        type: 'system.noop',
        payload: {},
      });

      const view = await deadView(id);

      expect(view.lastError?.message).toBe(
        'The handler threw a non-Error value: {"reason":"not an Error"}',
      );
    });

    it('reports a retrying and then a dead settlement', async () => {
      start({
        'system.noop': async () => {
          throw new Error('the disk is full');
        },
      });
      const { id } = await enqueueJob(fixture.queues, {
        type: 'system.noop',
        payload: {},
        retries: 1,
      });

      await deadView(id);
      await waitFor(
        async () => events.length,
        n => n === 2,
      );

      expect(events).toMatchObject([
        { jobId: id, attempt: 1, settlement: 'retrying' },
        { jobId: id, attempt: 2, settlement: 'dead' },
      ]);
      expect(events[1].error?.message).toBe('the disk is full');
    });
  });

  describe('when a handler asks to retry', () => {
    it('uses up the attempts, then dead-letters with the reason', async () => {
      start({});
      const { id } = await enqueueJob(fixture.queues, {
        type: 'system.fail',
        payload: { message: 'try later' },
        retries: 2,
      });

      const view = await deadView(id);

      expect(view.attempts).toEqual({ made: 3, allowed: 3 });
      expect(view.lastError?.message).toBe('try later');
    });
  });

  describe('when a handler discards the job', () => {
    it('dead-letters it after one attempt, whatever retries are left', async () => {
      start({
        'email.send': async () => discard('no such mailbox'),
      });
      const { id } = await enqueueJob(fixture.queues, {
        type: 'email.send',
        payload: { to: 'nobody@example.com', subject: 'Hi' },
        retries: 3,
      });

      const view = await deadView(id);

      expect(view.attempts).toEqual({ made: 1, allowed: 4 });
      expect(view.lastError?.message).toBe('no such mailbox');
      expect(events).toMatchObject([{ jobId: id, settlement: 'dead' }]);
    });
  });

  describe('when a producer stored a payload that breaks the contract', () => {
    let handled: unknown[];

    beforeEach(() => {
      handled = [];
      start({
        'email.send': async payload => {
          handled.push(payload);
          throw new Error('the handler must not run');
        },
      });
    });

    /** Adds a job behind enqueueJob's back, as a foreign producer would. */
    async function addRaw(data: object, name = 'email.send'): Promise<string> {
      const id = randomUUID();
      await fixture.queues.runWithDeadline(() =>
        fixture.queues
          .queueFor('email.send')
          .add(name, data, { jobId: id, attempts: 3 }),
      );
      return id;
    }

    it('dead-letters it after one attempt, naming the field', async () => {
      const id = await addRaw({ payload: { to: 'not-an-email' } });

      const view = await deadView(id);

      expect(view.attempts).toEqual({ made: 1, allowed: 3 });
      const message = view.lastError?.message;
      expect(message).toMatch(/^The payload does not match the email.send /);
      expect(message).toContain('/to: Expected an email address');
      expect(message).toContain('/subject: Expected required property');
      expect(handled).toEqual([]);
    });

    it('dead-letters a job without a payload envelope', async () => {
      const id = await addRaw({ to: 'user@example.com', subject: 'Hi' });

      const view = await deadView(id);

      expect(view.attempts.made).toBe(1);
      expect(view.lastError?.message).toContain('no payload envelope');
    });

    it('dead-letters a job whose name is not a catalog type', async () => {
      const id = await addRaw({ payload: {} }, 'email.sned');

      const view = await deadView(id);

      expect(view.attempts.made).toBe(1);
      expect(view.lastError?.message).toContain(
        'Unknown job type "email.sned"',
      );
    });
  });
});
