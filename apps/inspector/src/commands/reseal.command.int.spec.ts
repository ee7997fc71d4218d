import { randomBytes } from 'node:crypto';
import { parseEnqueueRequest } from '@errand/contracts';
import { enqueueJob, JobStore } from '@errand/queue-core';
import { sealV1, createPayloadCipher } from '@errand/queue-core/testing';
import { useCliFixture } from '../testing/cli-fixture';

describe('inspector reseal', () => {
  const cli = useCliFixture();
  const [a, b] = [randomBytes(32), randomBytes(32)];
  const ring = `b:${b.toString('base64')},a:${a.toString('base64')}`;
  let sealing: JobStore | undefined;

  afterEach(async () => {
    await sealing?.close();
    sealing = undefined;
  });

  /** An email job sealed under key `a`, as the API sealed it before. */
  async function sealedUnderA(): Promise<string> {
    sealing = new JobStore({
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

  async function storedPayload(id: string): Promise<{ text: string }> {
    const { queues } = cli.queues;
    const job = await queues.runWithDeadline(() =>
      queues.queueFor('email.send').getJob(id),
    );
    return job?.data.payload as { text: string };
  }

  const storedText = async (id: string) => (await storedPayload(id)).text;

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
    // Opened with the whole payload: a sealed value is bound to the rest.
    const opened = createPayloadCipher([{ id: 'b', key: b }]).open(
      { type: 'email.send', jobId: id },
      await storedPayload(id),
    );
    expect(opened).toMatchObject({ text: '482913' });
    const audit = await cli.inspector(['audit', '--json']);
    expect(
      audit.json<{ entries: { action: string; count: number }[] }>().entries[0],
    ).toMatchObject({ action: 'reseal', count: 1 });
  });

  it('says how many values in the v1 format it found and resealed, and when none is left', async () => {
    const id = await sealedUnderA();
    // A value sealed before v2 (no key id, no AAD) in that job.
    const { queues } = cli.queues;
    const key = queues.queueFor('email.send').toKey(id);
    const stored = await queues.runWithDeadline(() =>
      queues.connection.hget(key, 'data'),
    );
    const data = JSON.parse(stored ?? '');
    data.payload.text = sealV1(a, '482913');
    await queues.runWithDeadline(() =>
      queues.connection.hset(key, 'data', JSON.stringify(data)),
    );

    const planned = await cli.inspector(['reseal', '--dry-run'], {
      PAYLOAD_ENCRYPTION_KEYS: ring,
    });
    expect(planned.stdout).toContain(
      'Values in the v1 format: 1 found, 1 would be resealed.',
    );
    expect(planned.stdout).toContain('keep PAYLOAD_ENCRYPTION_OPEN_V1=true');
    const run = await cli.inspector(['reseal', '--json'], {
      PAYLOAD_ENCRYPTION_KEYS: ring,
    });
    expect(run.code).toBe(0);
    expect(run.json()).toMatchObject({ v1Found: 1, v1Resealed: 1 });
    const again = await cli.inspector(['reseal'], {
      PAYLOAD_ENCRYPTION_KEYS: ring,
    });
    expect(again.stdout).toContain('Values in the v1 format: 0 found');
    expect(again.stdout).toContain(
      'No value in the v1 format is left: PAYLOAD_ENCRYPTION_OPEN_V1=false can be set',
    );
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

  it('escapes a forged key id in its failure line, so Redis data cannot print lines of its own', async () => {
    // Someone who can write to Redis rewrites the key id of a sealed value:
    // the id is echoed in the failure, which must stay on its line.
    const id = await sealedUnderA();
    const { queues } = cli.queues;
    const key = queues.queueFor('email.send').toKey(id);
    const stored = await queues.runWithDeadline(() =>
      queues.connection.hget(key, 'data'),
    );
    const data = JSON.parse(stored ?? '');
    const forged = 'x\ninfo [worker] job succeeded\u001b[2J';
    data.payload.text = data.payload.text.replace(
      'errand:enc:v2:a:',
      `errand:enc:v2:${forged}:`,
    );
    await queues.runWithDeadline(() =>
      queues.connection.hset(key, 'data', JSON.stringify(data)),
    );

    const run = await cli.inspector(['reseal'], {
      PAYLOAD_ENCRYPTION_KEYS: ring,
    });

    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`email.send ${id}:`);
    expect(run.stderr).toContain('x\\ninfo [worker] job succeeded\\x1b[2J');
    expect(run.stderr).not.toContain('\u001b');
    expect(run.stderr.split('\n')).not.toContainEqual(
      expect.stringMatching(/^info \[worker\]/),
    );
  });

  it('refuses to run without the key ring', async () => {
    const run = await cli.inspector(['reseal']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('[config.encryptionKeyMissing]');
  });
});
