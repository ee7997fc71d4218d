import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { explainJob } from '@errand/queue-core';
import { waitFor } from '@errand/queue-core/testing';
import {
  mostAtOnce,
  mostAtOncePerKey,
  runsOf,
  windowsOverRate,
} from './flow-checks';
import { useFlowStack, type Topology } from './flow-stack';

const sleep = (ms: number, key?: string) => ({
  type: 'system.sleep',
  payload: { ms },
  ...(key && { concurrencyKey: key }),
});

/**
 * Flow control with two real worker processes on real Redis: the bounds
 * of issue #18, each checked from when the jobs' handlers really ran
 * (`system.sleep` returns its start), and each shown able to fail by the
 * same check on a run without the limit.
 */
export function describeFlowControl(topology: Topology): void {
  const stack = useFlowStack(topology);

  const runAll = async (requests: unknown[], timeoutMs: number) => {
    const ids = await stack.enqueue(requests);
    return waitFor(
      () => stack.views(ids),
      views => views.every(view => view.status === 'succeeded'),
      timeoutMs,
      200,
    );
  };

  describe('a rate limit of 20 jobs a second', () => {
    const windows = [1, 2, 3, 4, 5];
    /** When each of 130 instant jobs started, with or without the limit. */
    const startsOf130 = async (limited: boolean) => {
      if (limited) {
        await stack.setLimits('system.sleep', {
          rateLimit: { max: 20, durationMs: 1_000 },
        });
      }
      await stack.startWorkers(2, ['system.sleep'], {
        WORKER_CONCURRENCY: '8',
      });
      const views = await runAll(
        Array.from({ length: 130 }, () => sleep(0)),
        30_000,
      );
      return runsOf(views).map(run => run.start);
    };

    it('never starts more than 20 × T + 20 jobs in any T-second window, over 5 s and more', async () => {
      const starts = await startsOf130(true);

      expect(starts).toHaveLength(130);
      expect(Math.max(...starts) - Math.min(...starts)).toBeGreaterThan(5_000);
      expect(windowsOverRate(starts, 20, windows)).toEqual([]);
    }, 60_000);

    it('is what holds them: without it the same check fails', async () => {
      const starts = await startsOf130(false);

      expect(starts).toHaveLength(130);
      expect(windowsOverRate(starts, 20, windows)).not.toEqual([]);
    }, 60_000);
  });

  describe('caps per type and per key', () => {
    it('never runs more than maxConcurrent of a type at once, across both workers', async () => {
      await stack.setLimits('system.sleep', { maxConcurrent: 3 });
      await stack.startWorkers(2, ['system.sleep'], {
        WORKER_CONCURRENCY: '8',
      });

      const runs = runsOf(
        await runAll(
          Array.from({ length: 40 }, () => sleep(100)),
          30_000,
        ),
      );

      expect(runs).toHaveLength(40);
      expect(mostAtOnce(runs)).toBeLessThanOrEqual(3);
      expect(mostAtOnce(runs)).toBeGreaterThanOrEqual(2);
    }, 60_000);

    it('never runs more than perKeyConcurrency of a key at once, while keys together run more', async () => {
      await stack.setLimits('system.sleep', { perKeyConcurrency: 2 });
      await stack.startWorkers(2, ['system.sleep'], {
        WORKER_CONCURRENCY: '8',
      });
      const requests = Array.from({ length: 60 }, (_, i) =>
        sleep(50, `tenant-${i % 3}`),
      );

      const ids = await stack.enqueue(requests);
      const views = await waitFor(
        () => stack.views(ids),
        all => all.every(view => view.status === 'succeeded'),
        30_000,
        200,
      );
      const keys = new Map(ids.map((id, i) => [id, `tenant-${i % 3}`]));
      const runs = runsOf(views, keys);

      expect(runs).toHaveLength(60);
      expect([...mostAtOncePerKey(runs).values()]).toEqual([2, 2, 2]);
      expect(mostAtOnce(runs)).toBeGreaterThan(2);
      // Held jobs waited without using an attempt.
      expect(views.every(view => view.attempts.made === 1)).toBe(true);
    }, 60_000);

    it('without the per-key cap, one key runs more than 2 at once (the check can fail)', async () => {
      await stack.startWorkers(2, ['system.sleep'], {
        WORKER_CONCURRENCY: '8',
      });
      const ids = await stack.enqueue(
        Array.from({ length: 30 }, () => sleep(50, 'tenant-0')),
      );
      const views = await waitFor(
        () => stack.views(ids),
        all => all.every(view => view.status === 'succeeded'),
        30_000,
        200,
      );
      const keys = new Map(ids.map(id => [id, 'tenant-0']));

      expect(
        mostAtOncePerKey(runsOf(views, keys)).get('tenant-0'),
      ).toBeGreaterThan(2);
    }, 60_000);
  });

  describe('fairness: key A enqueues 2 000 jobs, then key B 20', () => {
    const fairnessRun = async (perKeyConcurrency: number | null) => {
      await stack.setLimits('system.sleep', { perKeyConcurrency });
      await stack.startWorkers(2, ['system.sleep'], {
        WORKER_CONCURRENCY: '8',
      });
      await stack.enqueue(Array.from({ length: 2_000 }, () => sleep(50, 'A')));
      const enqueuedAt = Date.now();
      const bIds = await stack.enqueue(
        Array.from({ length: 20 }, () => sleep(50, 'B')),
      );
      const views = await waitFor(
        () => stack.views(bIds),
        all => all.every(view => view.status === 'succeeded'),
        60_000,
        100,
      );
      return runsOf(views).map(run => run.start - enqueuedAt);
    };

    it('with perKeyConcurrency 2, all of B starts within 2 s of its enqueue', async () => {
      const waits = await fairnessRun(2);

      expect(waits).toHaveLength(20);
      expect(Math.max(...waits)).toBeLessThan(2_000);
    }, 90_000);

    it('with the cap off, B waits behind A (so the check above can fail)', async () => {
      const waits = await fairnessRun(null);

      expect(waits).toHaveLength(20);
      expect(Math.max(...waits)).toBeGreaterThan(2_000);
    }, 90_000);
  });

  describe('a provider says 429 with Retry-After: 2', () => {
    const HOLD_DELIVERY_MS = 1_000;
    let receiver: Server;
    let port: number;
    /** When each request arrived, and the answer it got. */
    let hits: { at: number; status: number }[];
    let refuseNext: boolean;

    beforeAll(async () => {
      receiver = createServer((request, response) => {
        request.resume();
        request.on('end', () => {
          const status = refuseNext ? 429 : 200;
          refuseNext = false;
          hits.push({ at: Date.now(), status });
          const answer = () => {
            response.writeHead(
              status,
              status === 429 ? { 'Retry-After': '2' } : {},
            );
            response.end(status === 429 ? 'slow down' : 'ok');
          };
          // A delivery holds its worker's slot for a second: one worker's
          // 8 slots cannot take all 16 jobs in one go, and the other worker,
          // however slowly a busy machine wakes it, has that second to take
          // the rest.
          if (status === 200) setTimeout(answer, HOLD_DELIVERY_MS);
          else answer();
        });
      });
      await new Promise<void>(resolve =>
        receiver.listen(0, '127.0.0.1', resolve),
      );
      port = (receiver.address() as AddressInfo).port;
    });
    afterAll(() => new Promise(resolve => receiver.close(resolve)));

    it('pauses webhook.deliver for about 2 s on both workers, then delivers everything, no attempt used', async () => {
      hits = [];
      refuseNext = true;
      await stack.startWorkers(2, ['webhook.deliver'], {
        WORKER_CONCURRENCY: '8',
        OUTBOUND_ALLOWLIST: '127.0.0.1,::1',
        OUTBOUND_ALLOWED_PORTS: '1024-65535',
      });
      const hook = {
        type: 'webhook.deliver',
        payload: {
          url: `http://localhost:${port}/hooks`,
          body: { n: 1 },
          secret: 'whsec_0123456789abcdef',
        },
      };
      const [first] = await stack.enqueue([hook]);
      const refused = await waitFor(
        async () => hits.find(hit => hit.status === 429),
        hit => hit !== undefined,
        10_000,
      );
      // The worker writes the pause just after the 429 reaches it.
      const why = await waitFor(
        () => explainJob(stack.store, first),
        explained => explained.reason === 'queue.providerPaused',
        5_000,
      );
      expect(why.sentence).toMatch(
        /^webhook\.deliver paused by the provider until /,
      );
      // Sixteen more, which both workers (8 slots each) could start at
      // once. Not asked why they wait: on a loaded machine the 2 s pause
      // can be over by the time they are stored.
      const rest = await stack.enqueue(Array.from({ length: 16 }, () => hook));
      const views = await waitFor(
        () => stack.views([first, ...rest]),
        all => all.every(view => view.status === 'succeeded'),
        20_000,
        100,
      );

      const after = hits
        .filter(hit => hit.status === 200)
        .map(hit => hit.at - (refused?.at ?? 0));
      expect(after).toHaveLength(17);
      // Nobody delivered during the pause; everything soon after it.
      expect(Math.min(...after)).toBeGreaterThanOrEqual(1_900);
      expect(Math.min(...after)).toBeLessThan(6_000);
      expect(views.every(view => view.attempts.made === 1)).toBe(true);
      // Both workers were there to deliver, and both waited the pause out.
      const queue = stack.store.queueFor('webhook.deliver');
      const jobs = await Promise.all(rest.map(id => queue.getJob(id)));
      expect(new Set(jobs.map(job => job?.processedBy)).size).toBe(2);
    }, 60_000);
  });
}
