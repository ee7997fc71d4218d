import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join, resolve } from 'node:path';
import { startRedisServer, type RedisServer } from '@errand/local-redis';
import { getJobView } from '../../find-job';
import { enqueueJob } from '../../../producer/enqueue-job';
import { JobStore } from '../../job-store';
import { uniquePrefix, waitFor } from '../../../testing/index';

/**
 * Two workers, each in a network namespace of its own, reach Redis on the
 * host over a veth pair each (host end 10.x.<n>.1, namespace end
 * 10.x.<n>.2), as workers on two machines would, with a password as
 * Redis requires off loopback, and share one queue.
 * Needs CAP_NET_ADMIN (`ip netns add`); skipped, saying so, without it.
 */
const workspaceRoot = resolve(__dirname, '../../../../../..');
const tag = process.pid % 10_000;
const spaces = [1, 2].map(n => ({
  name: `errand-ns${n}-${tag}`,
  hostEnd: `erh${n}-${tag}`,
  spaceEnd: `ern${n}-${tag}`,
  // A subnet per run, so that two runs on one host never collide.
  host: `10.${100 + (tag % 150)}.${n}.1`,
  inside: `10.${100 + (tag % 150)}.${n}.2`,
}));
const redisAddress = spaces[0]?.host ?? '';
const password = randomBytes(12).toString('hex');
const urlOf = (server: RedisServer | undefined) =>
  `redis://:${password}@${redisAddress}:${server?.port}`;

function ip(...args: string[]): void {
  const result = spawnSync('ip', args, { encoding: 'utf8' });
  if (result.status !== 0) {
    throw new Error(`ip ${args.join(' ')}: ${result.stderr || result.error}`);
  }
}

/** Whether this user may make namespaces: tried once, undone at once. */
function namespacesPermitted(): string | undefined {
  const probe = `errand-probe-${tag}`;
  const added = spawnSync('ip', ['netns', 'add', probe], { encoding: 'utf8' });
  if (added.status !== 0) {
    return (added.stderr || String(added.error)).trim();
  }
  spawnSync('ip', ['netns', 'del', probe]);
  return undefined;
}

const refusal = namespacesPermitted();
if (refusal) {
  console.warn(
    `Skipping the network namespace test: \`ip netns add\` is not permitted here (${refusal}). It needs root or CAP_NET_ADMIN.`,
  );
}

(refusal ? describe.skip : describe)(
  'workers in two network namespaces',
  () => {
    let server: RedisServer | undefined;
    const workers: ChildProcess[] = [];

    beforeAll(async () => {
      for (const space of spaces) {
        ip('netns', 'add', space.name);
        ip(
          'link',
          'add',
          space.hostEnd,
          'type',
          'veth',
          'peer',
          'name',
          space.spaceEnd,
        );
        ip('link', 'set', space.spaceEnd, 'netns', space.name);
        ip('addr', 'add', `${space.host}/24`, 'dev', space.hostEnd);
        ip('link', 'set', space.hostEnd, 'up');
        const inside = (...args: string[]) => ip('-n', space.name, ...args);
        inside('addr', 'add', `${space.inside}/24`, 'dev', space.spaceEnd);
        inside('link', 'set', space.spaceEnd, 'up');
        inside('link', 'set', 'lo', 'up');
        // Redis listens on the first pair's host end; the host answers for
        // any of its addresses, whichever link a packet comes in on.
        inside('route', 'add', 'default', 'via', space.host);
      }
      // Off loopback Redis talks only to clients with a password.
      server = await startRedisServer({
        bind: redisAddress,
        extraArgs: ['--requirepass', password],
      });
    }, 30_000);

    afterAll(async () => {
      for (const worker of workers) worker.kill('SIGKILL');
      await server?.stop();
      // Deleting a namespace deletes its veth end, and with it the pair.
      for (const space of spaces) {
        spawnSync('ip', ['netns', 'del', space.name]);
        spawnSync('ip', ['link', 'del', space.hostEnd]);
      }
    });

    /** Starts a worker inside `space`; resolves with the ids it takes. */
    async function startWorker(
      space: (typeof spaces)[number],
      prefix: string,
    ): Promise<Set<string>> {
      const taken = new Set<string>();
      // node itself, with tsx as a loader: no launcher process in between
      // that could outlive a kill.
      const child = spawn(
        'ip',
        [
          'netns',
          'exec',
          space.name,
          process.execPath,
          '--import',
          'tsx',
          join(__dirname, '../../../testing/consume-in-namespace.ts'),
          urlOf(server),
          prefix,
          space.name,
        ],
        { cwd: workspaceRoot, stdio: ['ignore', 'pipe', 'inherit'] },
      );
      workers.push(child);
      let ready = false;
      let buffered = '';
      child.stdout?.on('data', (chunk: Buffer) => {
        buffered += chunk.toString();
        const lines = buffered.split('\n');
        buffered = lines.pop() ?? '';
        for (const line of lines) {
          if (line === 'ready') ready = true;
          if (line.startsWith('took ')) taken.add(line.slice(5));
        }
      });
      await waitFor(async () => ready, Boolean, 20_000, 50);
      return taken;
    }

    it('both take jobs from the one queue, and every job runs', async () => {
      const prefix = uniquePrefix();
      const [first, second] = await Promise.all(
        spaces.map(space => startWorker(space, prefix)),
      );
      const queues = new JobStore({ redisUrl: urlOf(server), prefix });
      try {
        const ids: string[] = [];
        for (let i = 0; i < 40; i++) {
          ids.push(
            (await enqueueJob(queues, { type: 'system.noop', payload: {} })).id,
          );
        }

        await waitFor(
          async () => (first?.size ?? 0) + (second?.size ?? 0),
          count => count >= ids.length,
          20_000,
        );
        expect(first?.size).toBeGreaterThan(0);
        expect(second?.size).toBeGreaterThan(0);
        for (const id of ids) {
          await waitFor(
            () => getJobView(queues, id),
            job => job.status === 'succeeded',
          );
        }
      } finally {
        await queues.close();
      }
    }, 60_000);
  },
);
