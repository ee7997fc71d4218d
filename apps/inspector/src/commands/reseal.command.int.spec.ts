import { randomBytes } from 'node:crypto';
import { parseEnqueueRequest } from '@errand/contracts';
import { createPayloadCipher, enqueueJob, QueueSet } from '@errand/queue-core';
import { useCliFixture } from '../testing/cli-fixture';

describe('inspector reseal', () => {
  const cli = useCliFixture();
  const [a, b] = [randomBytes(32), randomBytes(32)];
  const ring = `b:${b.toString('base64')},a:${a.toString('base64')}`;
  let sealing: QueueSet | undefined;

  afterEach(async () => {
    await sealing?.close();
    sealing = undefined;
  });

  /** An email job sealed under key `a`, as the API sealed it before. */
  async function sealedUnderA(): Promise<string> {
    sealing = new QueueSet({
      redisUrl: cli.queues.server.url,
      prefix: cli.queues.prefix,
      cipher: createPayloadCipher([{ id: 'a', key: a }]),
    });
    const { id } = await enqueueJob(
      sealing,
      parseEnqueueRequest({
        type: 'email.send',
        payload: { to: 'user@example.com', subject: 'Code', text: '482913' },
      }),
    );
    return id;
  }

  async function storedText(id: string): Promise<string> {
    const { queues } = cli.queues;
    const job = await queues.run(() =>
      queues.queueFor('email.send').getJob(id),
    );
    return (job?.data.payload as { text: string }).text;
  }

  it('counts with --dry-run and writes nothing', async () => {
    const id = await sealedUnderA();
    const run = await cli.inspector(['reseal', '--dry-run', '--json'], {
      PAYLOAD_ENCRYPTION_KEYS: ring,
    });
    expect(run.code).toBe(0);
    expect(run.json()).toMatchObject({
      dryRun: true,
      keyId: 'b',
      scanned: 1,
      resealed: 1,
      unchanged: 0,
      failedCount: 0,
    });
    expect(await storedText(id)).toMatch(/^errand:enc:v2:a:/);
  });

  it('moves stored jobs to the newest key, and says so', async () => {
    const id = await sealedUnderA();
    const run = await cli.inspector(['reseal'], {
      PAYLOAD_ENCRYPTION_KEYS: ring,
    });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Resealed 1 job under key "b"');
    expect(await storedText(id)).toMatch(/^errand:enc:v2:b:/);
    const opened = createPayloadCipher([{ id: 'b', key: b }]).open(
      { type: 'email.send', jobId: id },
      { text: await storedText(id) },
    );
    expect(opened).toEqual({ text: '482913' });
    const audit = await cli.inspector(['audit', '--json']);
    expect(
      audit.json<{ entries: { action: string; count: number }[] }>().entries[0],
    ).toMatchObject({ action: 'reseal', count: 1 });
  });

  it('fails when a job does not open with the ring, naming it', async () => {
    const id = await sealedUnderA();
    const run = await cli.inspector(['reseal', '--json'], {
      PAYLOAD_ENCRYPTION_KEYS: `b:${b.toString('base64')}`,
    });
    expect(run.code).toBe(1);
    expect(run.json()).toMatchObject({
      failedCount: 1,
      failed: [{ id, type: 'email.send' }],
    });
    expect(run.stderr).toContain('1 job does not open');
  });

  it('refuses to run without the key ring', async () => {
    const run = await cli.inspector(['reseal']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('[config.encryptionKeyMissing]');
  });
});
