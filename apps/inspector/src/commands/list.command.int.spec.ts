import { setTimeout as sleep } from 'node:timers/promises';
import { parseEnqueueRequest, type JobView } from '@errand/contracts';
import { enqueueJob } from '@errand/queue-core';
import { useQueueFixture } from '@errand/queue-core/testing';
import { runInspector } from '../cli';

async function run(argv: string[], env: Record<string, string>) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runInspector(
    argv,
    { out: t => out.push(t), err: t => err.push(t), isTty: false },
    env,
  );
  return { code, stdout: out.join('\n'), stderr: err.join('\n') };
}

describe('inspector list, page by page', () => {
  const fixture = useQueueFixture();
  let env: Record<string, string>;
  let ids: string[];

  beforeEach(async () => {
    env = { REDIS_URL: fixture.server.url, QUEUE_PREFIX: fixture.prefix };
    ids = [];
    for (let i = 0; i < 3; i++) {
      const job = await enqueueJob(
        fixture.queues,
        parseEnqueueRequest({ type: 'system.noop', payload: {} }),
      );
      ids.unshift(job.id);
      await sleep(3);
    }
  });

  describe('with --json', () => {
    it('prints nextCursor, which --cursor takes to the next page', async () => {
      const first = await run(['list', '--limit', '2', '--json'], env);
      expect(first.code).toBe(0);
      const page = JSON.parse(first.stdout) as {
        jobs: JobView[];
        nextCursor: string | null;
      };
      expect(page.jobs.map(job => job.id)).toEqual(ids.slice(0, 2));
      expect(page.nextCursor).toEqual(expect.any(String));

      const second = await run(
        ['list', '--limit', '2', '--json', '--cursor', page.nextCursor ?? ''],
        env,
      );
      expect(JSON.parse(second.stdout)).toMatchObject({
        jobs: [{ id: ids[2] }],
        nextCursor: null,
      });
    });
  });

  describe('as a table', () => {
    it('says on stderr how to get the next page', async () => {
      const { code, stdout, stderr } = await run(['list', '--limit', '1'], env);

      expect(code).toBe(0);
      expect(stdout.split('\n')).toHaveLength(2);
      expect(stderr).toMatch(/^More: repeat with --cursor [A-Za-z0-9_-]+$/);
    });
  });

  describe('with a cursor it did not make', () => {
    it('exits with the usage code, naming the cursor', async () => {
      const { code, stderr } = await run(['list', '--cursor', 'bogus'], env);

      expect(code).toBe(2);
      expect(stderr).toMatch(/The cursor .*\[request\.invalidParameter\]/);
    });
  });
});
