import type { JobView } from '@errand/contracts';
import { findFreePort } from '@errand/local-redis';
import { useCliFixture } from '../testing/cli-fixture';

describe('inspector show, list and the connection', () => {
  const cli = useCliFixture();

  it('shows every failed attempt and the timeline, redacting sensitive fields', async () => {
    const job = await cli.enqueue({
      type: 'webhook.deliver',
      payload: {
        url: 'https://example.com/hook',
        body: { a: 1 },
        secret: 'abcdefghijklmnopqrstuvwxyz',
      },
    });
    const json = await cli.inspector(['show', job.id, '--json']);
    expect(json.json<JobView>().payload).toMatchObject({
      secret: '[redacted]',
    });
    const [dead] = await cli.deadJobs(1, 'boom');
    const run = await cli.inspector(['show', dead]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(
      /^attempts that failed:\n {2}#1 \S+ on \S+: boom$/m,
    );
    expect(run.stdout).toMatch(/^timeline:$/m);
    expect(run.stdout).toMatch(/ dead {6}/);
  });

  it('escapes control characters and line feeds in job data in tables and details', async () => {
    const message =
      'evil \u001b[2J\u001b]0;pwned\u0007 text\n12:00:00.000 info [worker] job succeeded';
    const [dead] = await cli.deadJobs(1, message);
    const list = await cli.inspector(['list']);
    const show = await cli.inspector(['show', dead]);
    const escaped = 'evil \\x1b[2J\\x1b]0;pwned\\x07 text';
    for (const text of [list.stdout, show.stdout]) {
      expect(text).toContain(escaped);
      const controls = [...text].filter(c => {
        const code = c.charCodeAt(0);
        return (code < 32 && c !== '\n') || code === 127;
      });
      expect(controls).toEqual([]);
    }
    // The forged line stays inside the error, on the error's own line.
    expect(show.stdout).toContain(
      `last error: ${escaped}\\n12:00:00.000 info [worker] job succeeded\n`,
    );
    expect(show.stdout).not.toMatch(/^12:00:00\.000 info/m);
    const json = await cli.inspector(['show', dead, '--json']);
    expect(json.json<JobView>().lastError?.message).toBe(message);
  });

  it('takes --redis and --prefix over REDIS_URL and QUEUE_PREFIX', async () => {
    const job = await cli.enqueue({ type: 'system.noop', payload: {} });
    const port = await findFreePort();
    const run = await cli.inspector(
      [
        'show',
        job.id,
        '--json',
        '--redis',
        cli.queues.server.url,
        '--prefix',
        cli.queues.prefix,
      ],
      { REDIS_URL: `redis://127.0.0.1:${port}`, QUEUE_PREFIX: 'elsewhere' },
    );
    expect(run.code).toBe(0);
    expect(run.json<JobView>().id).toBe(job.id);
  });

  it('exits 3 with one line when Redis is unreachable', async () => {
    const port = await findFreePort();
    const run = await cli.inspector(['stats'], {
      REDIS_URL: `redis://127.0.0.1:${port}`,
    });
    expect(run.code).toBe(3);
    expect(run.stdout).toBe('');
    expect(run.stderr.split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(/\[queue\.unavailable\]$/);
  });

  it('prints examples in every command’s --help', async () => {
    for (const command of [
      ['why'],
      ['dlq', 'replay'],
      ['clean'],
      ['enqueue'],
    ]) {
      const run = await cli.inspector([...command, '--help']);
      expect(run.code).toBe(0);
      expect(run.stdout).toMatch(/Examples:\n {2}\$ inspector /);
    }
  });
});
