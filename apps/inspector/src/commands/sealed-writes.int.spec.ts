import { randomBytes } from 'node:crypto';
import { parseEnqueueRequest, type JobType } from '@errand/contracts';
import { enqueueJob, getJobView, JobStore } from '@errand/queue-core';
import { findFreePort } from '@errand/local-redis';
import {
  testHandlers,
  waitFor,
  createPayloadCipher,
  encryptionMarkerOf,
} from '@errand/queue-core/testing';
import {
  killApp,
  spawnApp,
  waitUntilHealthy,
  type SpawnedApp,
} from '@errand/runtime/testing';
import { useCliFixture } from '../testing/cli-fixture';

const TEXT = 'Your code is 482913';
const NEW_SECRET = 'whsec_patched-0123456789';

/**
 * Writes from the inspector while encryption at rest is on: with the key
 * ring they are sealed as the API seals them; without it, a write that
 * would store a sensitive field in clear is refused.
 */
describe('inspector writes with encryption at rest on', () => {
  const cli = useCliFixture();
  const key = randomBytes(32);
  const cipher = createPayloadCipher(key);
  const withKey = { PAYLOAD_ENCRYPTION_KEY: key.toString('base64') };
  let sealing: JobStore | undefined;

  afterEach(async () => {
    await sealing?.close();
    sealing = undefined;
  });

  /** The payload Redis holds for a job. */
  async function stored(type: JobType, id: string) {
    const { queues } = cli.queues;
    const job = await queues.runWithDeadline(() =>
      queues.queueFor(type).getJob(id),
    );
    return job?.data.payload as Record<string, unknown>;
  }

  /** A worker with the key started once: it records that encryption is on. */
  async function startWorkerWithKey(types: JobType[] = ['system.noop']) {
    cli.queues.startConsumer({
      types,
      concurrency: 1,
      cipher,
      handlers: testHandlers(),
    });
    await waitFor(
      () => encryptionMarkerOf(cli.queues.queues),
      marker => marker !== null,
    );
  }

  const email = JSON.stringify({
    to: 'user@example.com',
    subject: 'Code',
    text: TEXT,
  });

  describe('enqueue after an API started with the key ring, before any worker', () => {
    let api: SpawnedApp | undefined;

    afterEach(async () => {
      await killApp(api);
      api = undefined;
    });

    it('refuses to store a sensitive field in clear without the key', async () => {
      const port = await findFreePort();
      api = spawnApp('apps/api/src/main.ts', {
        REDIS_URL: cli.queues.server.url,
        QUEUE_PREFIX: cli.queues.prefix,
        LOG_LEVEL: 'warn',
        PORT: String(port),
        ...withKey,
      });
      await waitUntilHealthy(api, `http://127.0.0.1:${port}/healthz`);
      // Written before the API listens: no worker has started on this prefix.
      expect(await encryptionMarkerOf(cli.queues.queues)).toBe('default');

      const run = await cli.inspector([
        'enqueue',
        'email.send',
        '--payload',
        email,
      ]);
      expect(run.code).toBe(2);
      expect(run.stderr).toContain('[config.encryptionKeyMissing]');
      expect(run.stderr).toContain('/payload/text');
      expect(run.stderr).not.toContain('482913');
      const { queues } = cli.queues;
      expect(
        await queues.runWithDeadline(() =>
          queues.queueFor('email.send').count(),
        ),
      ).toBe(0);
    });
  });

  describe('enqueue', () => {
    it('seals a sensitive field with the key', async () => {
      await startWorkerWithKey();
      const run = await cli.inspector(
        ['enqueue', 'email.send', '--payload', email, '--json'],
        withKey,
      );
      expect(run.code).toBe(0);
      const { id } = run.json<{ id: string }>();
      const payload = await stored('email.send', id);
      expect(payload.text).toMatch(/^errand:enc:v2:default:/);
      expect(JSON.stringify(payload)).not.toContain('482913');
      expect(
        cipher.open({ type: 'email.send', jobId: id }, payload),
      ).toMatchObject({ text: TEXT });
    });

    it('refuses to store it in clear without the key, naming the field and the fix', async () => {
      await startWorkerWithKey();
      const run = await cli.inspector([
        'enqueue',
        'email.send',
        '--payload',
        email,
      ]);
      expect(run.code).toBe(2);
      expect(run.stderr).toContain('[config.encryptionKeyMissing]');
      expect(run.stderr).toContain('/payload/text');
      expect(run.stderr).toContain('PAYLOAD_ENCRYPTION_KEYS');
      expect(run.stderr).not.toContain('482913');
      const { queues } = cli.queues;
      expect(
        await queues.runWithDeadline(() =>
          queues.queueFor('email.send').count(),
        ),
      ).toBe(0);
    });

    it('still enqueues without the key a payload with no sensitive field set', async () => {
      await startWorkerWithKey();
      const run = await cli.inspector([
        'enqueue',
        'email.send',
        '--payload',
        '{"to":"a@example.com","subject":"Hi"}',
      ]);
      expect(run.code).toBe(0);
    });

    it('stores it as sent when encryption at rest is off', async () => {
      const run = await cli.inspector([
        'enqueue',
        'email.send',
        '--payload',
        email,
        '--json',
      ]);
      expect(run.code).toBe(0);
      const { id } = run.json<{ id: string }>();
      expect((await stored('email.send', id)).text).toBe(TEXT);
    });
  });

  describe('dlq replay --patch', () => {
    /** A dead webhook.deliver job whose secret was sealed at enqueue. */
    async function deadWebhook(): Promise<string> {
      sealing = new JobStore({
        redisUrl: cli.queues.server.url,
        prefix: cli.queues.prefix,
        cipher,
      });
      const { id } = await enqueueJob(
        sealing,
        parseEnqueueRequest({
          type: 'webhook.deliver',
          payload: {
            url: 'https://example.com/hook',
            body: {},
            secret: 'whsec_original-0123456789',
          },
          retries: 0,
        }),
      );
      // testHandlers discards the types a test does not handle: it dies.
      await startWorkerWithKey(['webhook.deliver']);
      await waitFor(
        () => getJobView(cli.queues.queues, id),
        view => view.status === 'dead',
      );
      return id;
    }

    it('seals the patched secret with the key', async () => {
      const id = await deadWebhook();
      const run = await cli.inspector(
        [
          'dlq',
          'replay',
          id,
          '--patch',
          JSON.stringify({ secret: NEW_SECRET }),
          '--json',
        ],
        withKey,
      );
      expect(run.code).toBe(0);
      const payload = await stored('webhook.deliver', id);
      expect(payload.secret).toMatch(/^errand:enc:v2:default:/);
      expect(
        cipher.open({ type: 'webhook.deliver', jobId: id }, payload),
      ).toMatchObject({ secret: NEW_SECRET });
    });

    it('refuses without the key a patch of the other fields, which would stop the secret opening', async () => {
      const id = await deadWebhook();
      const before = await stored('webhook.deliver', id);
      const run = await cli.inspector([
        'dlq',
        'replay',
        id,
        '--patch',
        '{"url":"https://example.org/other"}',
      ]);
      expect(run.code).toBe(2);
      expect(run.stderr).toContain('[config.encryptionKeyMissing]');
      expect(await stored('webhook.deliver', id)).toEqual(before);
    });

    it('applies such a patch with the key, and the secret still opens', async () => {
      const id = await deadWebhook();
      const run = await cli.inspector(
        ['dlq', 'replay', id, '--patch', '{"url":"https://example.org/other"}'],
        withKey,
      );
      expect(run.code).toBe(0);
      const payload = await stored('webhook.deliver', id);
      expect(
        cipher.open({ type: 'webhook.deliver', jobId: id }, payload),
      ).toMatchObject({
        url: 'https://example.org/other',
        secret: 'whsec_original-0123456789',
      });
    });

    it('refuses to write the patched secret in clear without the key', async () => {
      const id = await deadWebhook();
      const before = await stored('webhook.deliver', id);
      const run = await cli.inspector([
        'dlq',
        'replay',
        id,
        '--patch',
        JSON.stringify({ secret: NEW_SECRET }),
      ]);
      expect(run.code).toBe(2);
      expect(run.stderr).toContain('[config.encryptionKeyMissing]');
      expect(run.stderr).toContain('/payload/secret');
      expect(await stored('webhook.deliver', id)).toEqual(before);
      expect((await cli.view(id)).status).toBe('dead');
    });
  });
});
