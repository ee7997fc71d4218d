import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import {
  startRedisSentinels,
  type RedisSentinelGroup,
} from '@errand/local-redis';
import { waitFor } from '../../testing/wait-for';
import { PromotableReplicas } from './promotable-replicas';

const run = promisify(execFile);

describe('PromotableReplicas', () => {
  let group: RedisSentinelGroup;

  beforeAll(async () => {
    // Down after 3 s, not the default 1 s: on a machine busy enough to
    // stall the master for a second, the sentinels would fail it over
    // and the replica counts below would be a failover's, not this test's.
    group = await startRedisSentinels({ replicas: 2, downAfterMs: 3_000 });
  }, 60_000);

  /** Sentinel 0's flags for the master and each replica, for a failure's message. */
  const sentinelView = async (): Promise<string> => {
    const ask = (what: string) =>
      run('redis-cli', [
        '-p',
        String(group.sentinels[0]?.port),
        'sentinel',
        what,
        group.masterName,
      ]).then(({ stdout }) =>
        [...stdout.matchAll(/^(?:name|flags)\n(.*)$/gm)]
          .map(m => m[1])
          .join(' '),
      );
    return `master: ${await ask('master')}; replicas: ${await ask('replicas')}`;
  };

  afterAll(async () => {
    await group?.stop();
  });

  it('counts every healthy replica, and a lost one only once the loss has settled', async () => {
    const replicas = new PromotableReplicas(group.url, { settleMs: 10_000 });
    try {
      await waitFor(
        async () => ({ count: replicas.current(), view: await sentinelView() }),
        ({ count }) => count === 2,
        20_000,
        50,
      );

      const [, second] = group.replicas;
      second?.process.kill('SIGKILL');
      // The sentinels see it down (down-after 1 s)...
      await waitFor(
        () =>
          run('redis-cli', [
            '-p',
            String(group.sentinels[0]?.port),
            'sentinel',
            'replicas',
            group.masterName,
          ]).then(({ stdout }) => stdout),
        listed => listed.includes('s_down'),
        15_000,
        100,
      );
      // ...but a drop is not believed at once: it may be a failover's
      // moment of "disconnected" replicas.
      expect(replicas.current()).toBe(2);

      await waitFor(
        async () => replicas.current(),
        n => n === 1,
        30_000,
        100,
      );
    } finally {
      replicas.close();
    }
  }, 90_000);
});
