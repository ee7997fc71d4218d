import type { Job } from 'bullmq';
import { parseEnqueueRequest } from '@errand/contracts';
import { enqueueJob } from '../index';
import {
  countRedisCommands,
  TEST_CALLBACK_SECRET as SECRET,
  useCallbackStore,
  useQueueFixture,
} from '../testing';
import { callbackDeliveryId } from '../store/callback/enqueue-callback';
import type { JobEnvelope } from '../store/job-envelope';
import { sendEndingCallback } from './send-ending-callback';

const URL = 'https://receiver.example.com/cb';

describe('sendEndingCallback', () => {
  const fixture = useQueueFixture();
  const store = useCallbackStore(fixture);

  /** Stores a system.noop job, with a callback or not, and reads it back. */
  async function storedJob(callback: boolean): Promise<Job<JobEnvelope>> {
    const { id } = await enqueueJob(
      store(),
      parseEnqueueRequest({
        type: 'system.noop',
        payload: {},
        ...(callback && { callback: { url: URL } }),
      }),
    );
    const job = await store().queueFor('system.noop').getJob(id);
    if (!job) throw new Error(`job ${id} was not stored`);
    return job as Job<JobEnvelope>;
  }

  const deliveries = () => store().queueFor('webhook.deliver').getWaiting();

  describe('when the job has a callback', () => {
    it('stores one delivery, however often the job settles', async () => {
      const job = await storedJob(true);
      const ended = {
        status: 'succeeded',
        attemptsMade: 1,
        result: 7,
      } as const;

      await sendEndingCallback(job, store(), ended);
      await sendEndingCallback(job, store(), ended);

      const stored = await deliveries();
      expect(stored.map(one => one.id)).toEqual([
        callbackDeliveryId(job.id ?? ''),
      ]);
      const { payload } = stored[0].data as JobEnvelope;
      expect(payload).toMatchObject({
        url: URL,
        secret: SECRET,
        body: {
          event: 'job.ended',
          jobId: job.id,
          status: 'succeeded',
          job: { status: 'succeeded', result: 7, attempts: { made: 1 } },
        },
      });
    });

    it('stores none when this process has no signing secret', async () => {
      const job = await storedJob(true);

      await sendEndingCallback(job, fixture.queues, {
        status: 'dead',
        attemptsMade: 1,
        error: new Error('boom'),
      });

      expect(await deliveries()).toEqual([]);
    });
  });

  describe('when the job has no callback', () => {
    it('sends Redis no command at all', async () => {
      const job = await storedJob(false);

      const commands = await countRedisCommands(fixture.server.url, () =>
        sendEndingCallback(job, store(), {
          status: 'succeeded',
          attemptsMade: 1,
        }),
      );

      expect(commands).toBe(0);
    });
  });

  it('derives a delivery id that names the webhook.deliver type', () => {
    const id = callbackDeliveryId('0b5d0000-0000-8000-8000-000000000000');

    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab]/);
    expect(callbackDeliveryId('0b5d0000-0000-8000-8000-000000000000')).toBe(id);
  });
});
