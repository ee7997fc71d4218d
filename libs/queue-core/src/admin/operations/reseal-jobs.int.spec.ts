import { createCipheriv, randomBytes } from 'node:crypto';
import { completed } from '@errand/contracts';
import { getJobView } from '../../store/find-job';
import { enqueueJob } from '../../index';
import { JobStore } from '../../store/job-store';
import { testHandlers, useQueueFixture, waitFor } from '../../testing/index';
import { encryptionMarkerOf } from '../../store/security/encryption-marker';
import {
  createPayloadCipher,
  type PayloadCipher,
} from '../../store/security/payload-cipher';
import { resealJobs } from './reseal-jobs';

/** A value as the cipher sealed it before key ids and AAD (`v1`). */
function sealV1(key: Buffer, value: unknown): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const plain = Buffer.from(JSON.stringify(value), 'utf8');
  const sealed = Buffer.concat([cipher.update(plain), cipher.final()]);
  const parts = [iv, cipher.getAuthTag(), sealed].map(b =>
    b.toString('base64'),
  );
  return `errand:enc:v1:${parts.join(':')}`;
}

describe('resealing stored jobs under the newest key', () => {
  const fixture = useQueueFixture();
  const [a, b] = [randomBytes(32), randomBytes(32)];
  const ringA = createPayloadCipher([{ id: 'a', key: a }]);
  const ringBA = createPayloadCipher([
    { id: 'b', key: b },
    { id: 'a', key: a },
  ]);
  const ringB = createPayloadCipher([{ id: 'b', key: b }]);
  const opened: Map<string, unknown> = new Map();
  const sets: JobStore[] = [];

  afterEach(async () => {
    opened.clear();
    await Promise.all(sets.splice(0).map(set => set.close()));
  });

  /** Queues on the test's prefix that seal with `cipher`. */
  function queuesWith(cipher: PayloadCipher): JobStore {
    const set = new JobStore({
      redisUrl: fixture.server.url,
      prefix: fixture.prefix,
      cipher,
    });
    sets.push(set);
    return set;
  }

  const email = (text: string) => ({
    type: 'email.send' as const,
    payload: { to: 'user@example.com', subject: 'Code', text },
  });

  /** The stored `text` of an email job, as Redis holds it. */
  async function storedText(id: string): Promise<string> {
    const { queues } = fixture;
    const job = await queues.runWithDeadline(() =>
      queues.queueFor('email.send').getJob(id),
    );
    return (job?.data.payload as { text: string }).text;
  }

  /** Writes `text` into an email job in Redis, as someone with access could. */
  async function putText(id: string, text: string): Promise<void> {
    const { queues } = fixture;
    const job = await queues.runWithDeadline(() =>
      queues.queueFor('email.send').getJob(id),
    );
    if (!job) throw new Error(`no job ${id}`);
    await job.updateData({
      ...job.data,
      payload: { ...job.data.payload, text },
    });
  }

  /** Runs the email jobs with `cipher`, recording what the handler got. */
  async function runWith(cipher: PayloadCipher, ids: string[]) {
    fixture.startConsumer({
      types: ['email.send'],
      concurrency: 2,
      cipher,
      handlers: testHandlers({
        'email.send': async (payload, { jobId }) => {
          opened.set(jobId, payload.text);
          return completed({ messageId: jobId });
        },
      }),
    });
    for (const id of ids) {
      await waitFor(
        () => getJobView(fixture.queues, id),
        view => view.status === 'succeeded' || view.status === 'dead',
      );
    }
  }

  it('opens jobs sealed under the old key after rotation, and moves them to the new one', async () => {
    const producer = queuesWith(ringA);
    const waiting = await enqueueJob(producer, email('code 111111'));
    const delayed = await enqueueJob(producer, {
      ...email('code 222222'),
      delay: 60_000,
    });
    expect(await storedText(waiting.id)).toMatch(/^errand:enc:v2:a:/);

    const rotated = queuesWith(ringBA);
    const planned = await resealJobs(rotated, { dryRun: true });
    expect(planned).toMatchObject({ resealed: 2, unchanged: 0, failed: [] });
    expect(await storedText(waiting.id)).toMatch(/^errand:enc:v2:a:/);

    const done = await resealJobs(rotated);
    expect(done).toMatchObject({ resealed: 2, unchanged: 0, failed: [] });
    expect(await storedText(waiting.id)).toMatch(/^errand:enc:v2:b:/);
    expect(await storedText(delayed.id)).toMatch(/^errand:enc:v2:b:/);
    expect(await resealJobs(rotated)).toMatchObject({
      resealed: 0,
      unchanged: 2,
    });
    expect(await encryptionMarkerOf(rotated)).toBe('b');

    // Key A is gone now, and the job still opens.
    await runWith(ringB, [waiting.id]);
    expect(opened.get(waiting.id)).toBe('code 111111');
  });

  it('opens a job sealed under key A with the ring [B, A] without resealing', async () => {
    const { id } = await enqueueJob(queuesWith(ringA), email('code 333333'));
    await runWith(ringBA, [id]);
    expect(opened.get(id)).toBe('code 333333');
  });

  it('opens a value sealed before this format (v1), and reseals it', async () => {
    const { id } = await enqueueJob(fixture.queues, email('placeholder'));
    await putText(id, sealV1(a, 'code 444444'));

    const done = await resealJobs(queuesWith(ringBA));
    expect(done).toMatchObject({
      resealed: 1,
      v1Found: 1,
      v1Resealed: 1,
      failed: [],
    });
    expect(await storedText(id)).toMatch(/^errand:enc:v2:b:/);
    await runWith(ringB, [id]);
    expect(opened.get(id)).toBe('code 444444');
  });

  it('reseals succeeded jobs too, so no v1 value is left in Redis to copy into another job', async () => {
    const { id } = await enqueueJob(fixture.queues, email('placeholder'));
    await runWith(ringA, [id]);
    expect(await getJobView(fixture.queues, id)).toMatchObject({
      status: 'succeeded',
    });
    // A job that succeeded before v2, its text sealed in the v1 format.
    await putText(id, sealV1(a, 'code 777777'));

    const rotated = queuesWith(ringBA);
    expect(await resealJobs(rotated, { dryRun: true })).toMatchObject({
      resealed: 1,
      v1Found: 1,
      v1Resealed: 1,
    });
    expect(await storedText(id)).toMatch(/^errand:enc:v1:/);
    const done = await resealJobs(rotated);
    expect(done).toMatchObject({
      resealed: 1,
      v1Found: 1,
      v1Resealed: 1,
      failed: [],
    });
    expect(await storedText(id)).toMatch(/^errand:enc:v2:b:/);
    const { queues } = fixture;
    const job = await queues.runWithDeadline(() =>
      queues.queueFor('email.send').getJob(id),
    );
    expect(
      ringB.open({ type: 'email.send', jobId: id }, job?.data.payload),
    ).toMatchObject({ text: 'code 777777' });
    expect(await resealJobs(rotated)).toMatchObject({
      resealed: 0,
      v1Found: 0,
      v1Resealed: 0,
    });
  });

  it('opens a v1 value in the worker as it is', async () => {
    const { id } = await enqueueJob(fixture.queues, email('placeholder'));
    await putText(id, sealV1(a, 'code 555555'));
    await runWith(ringBA, [id]);
    expect(opened.get(id)).toBe('code 555555');
  });

  it('reports a job it cannot open and leaves it as it is', async () => {
    const { id } = await enqueueJob(
      queuesWith(createPayloadCipher([{ id: 'x', key: randomBytes(32) }])),
      email('code 666666'),
    );
    const before = await storedText(id);
    const done = await resealJobs(queuesWith(ringBA));
    expect(done.resealed).toBe(0);
    expect(done.failed).toEqual([
      {
        id,
        type: 'email.send',
        message: expect.stringMatching(/key id "x"/),
      },
    ]);
    expect(await storedText(id)).toBe(before);
  });
});
