import {
  completed,
  discard,
  jobTypes,
  parseFlowRequest,
  waitForChildren,
  type ChildOutcome,
  type HandlerMap,
  type JobView,
} from '@errand/contracts';
import { getJobView } from '../store/find-job';
// Another wing's code, reached as users reach it: through the lib's door.
import { enqueueFlow, setJobTypeLimits } from '../index';
import { testHandlers, useQueueFixture, waitFor } from '../testing/index';

/** Generous for a loaded machine; a healthy run takes well under a second. */
const ENDS_WITHIN_MS = 10_000;

describe('a job with children, run by a real worker', () => {
  const fixture = useQueueFixture();

  function start(handlers: Partial<HandlerMap>): void {
    fixture.startConsumer({
      types: jobTypes,
      concurrency: 4,
      handlers: testHandlers(handlers),
    });
  }

  const viewWhen = (id: string, done: (view: JobView) => boolean) =>
    waitFor(() => getJobView(fixture.queues, id), done, ENDS_WITHIN_MS);

  describe('when a flow is stored', () => {
    it('runs the parent once, after every child ended, with their typed outcomes', async () => {
      const ended = new Map<string, number>();
      const parentRuns: { at: number; children: ChildOutcome[] }[] = [];
      start({
        'system.sleep': async ({ ms }, context) => {
          await new Promise(resolve => setTimeout(resolve, ms));
          ended.set(context.jobId, Date.now());
          return completed({ sleptMs: ms });
        },
        'email.send': async (payload, context) => {
          const children = await context.children();
          parentRuns.push({ at: Date.now(), children });
          // The type narrows the result: sleptMs is a number here.
          const slept = children.reduce(
            (sum, child) =>
              child.type === 'system.sleep' && child.status === 'succeeded'
                ? sum + child.result.sleptMs
                : sum,
            0,
          );
          return completed({ messageId: `${payload.to}:${slept}` });
        },
      });

      const flow = await enqueueFlow(
        fixture.queues,
        parseFlowRequest({
          type: 'email.send',
          payload: { to: 'boss@example.com', subject: 'Slept' },
          children: [
            { type: 'system.sleep', payload: { ms: 200 } },
            { type: 'system.sleep', payload: { ms: 50 } },
            {
              type: 'system.fail',
              payload: { permanent: true },
              onFailure: 'ignore',
            },
          ],
        }),
      );

      const view = await viewWhen(flow.id, v => v.status === 'succeeded');
      expect(view.result).toEqual({ messageId: 'boss@example.com:250' });
      expect(parentRuns).toHaveLength(1);
      expect(ended.size).toBe(2);
      for (const at of ended.values()) {
        expect(parentRuns[0].at).toBeGreaterThanOrEqual(at);
      }
      const byType = (type: string) =>
        parentRuns[0].children.filter(child => child.type === type);
      expect(byType('system.sleep')).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            status: 'succeeded',
            result: { sleptMs: 200 },
          }),
          expect.objectContaining({
            status: 'succeeded',
            result: { sleptMs: 50 },
          }),
        ]),
      );
      expect(byType('system.fail')).toEqual([
        expect.objectContaining({ status: 'dead', reason: expect.any(String) }),
      ]);
    });

    it('runs a chain in order, each step reading the one before', async () => {
      const order: string[] = [];
      start({
        'system.sleep': async ({ ms }, context) => {
          const before = await context.children();
          order.push(`sleep ${ms} after ${before.length}`);
          return completed({ sleptMs: ms });
        },
        'email.send': async (_payload, context) => {
          const [before] = await context.children();
          order.push('email');
          return completed({
            messageId:
              before?.type === 'system.sleep' && before.status === 'succeeded'
                ? `after ${before.result.sleptMs}`
                : 'none',
          });
        },
      });

      const flow = await enqueueFlow(
        fixture.queues,
        parseFlowRequest({
          chain: [
            { type: 'system.sleep', payload: { ms: 30 } },
            { type: 'system.sleep', payload: { ms: 10 } },
            {
              type: 'email.send',
              payload: { to: 'a@example.com', subject: 'Done' },
            },
          ],
        }),
      );

      const view = await viewWhen(flow.id, v => v.status === 'succeeded');
      expect(order).toEqual(['sleep 30 after 0', 'sleep 10 after 1', 'email']);
      expect(view.result).toEqual({ messageId: 'after 10' });
    });
  });

  describe("when a child dies under onFailure 'continue'", () => {
    it('runs the parent at once, lets it complete, and the pending child runs on alone', async () => {
      const seen: ChildOutcome['status'][][] = [];
      start({
        'system.sleep': async ({ ms }) => {
          await new Promise(resolve => setTimeout(resolve, ms));
          return completed({ sleptMs: ms });
        },
        'system.noop': async (_payload, context) => {
          seen.push((await context.children()).map(c => c.status).sort());
          return completed({});
        },
      });
      const flow = await enqueueFlow(
        fixture.queues,
        parseFlowRequest({
          type: 'system.noop',
          payload: {},
          children: [
            { type: 'system.sleep', payload: { ms: 1_500 } },
            {
              type: 'system.fail',
              payload: { permanent: true },
              onFailure: 'continue',
            },
          ],
        }),
      );
      const sleeper = flow.nodes[1].id;

      await viewWhen(flow.id, v => v.status === 'succeeded');
      expect(seen).toEqual([['dead', 'pending']]);
      const child = await viewWhen(sleeper, v => v.status === 'succeeded');
      expect(child.parentId).toBeUndefined();
    });
  });

  describe('when a handler returns waitForChildren', () => {
    const FAN_OUT = 200;

    it('waits without using an attempt, then is called again with the outcomes and its pass', async () => {
      const passes: number[] = [];
      start({
        'email.send': async (payload, context) => {
          if (payload.to !== 'list@example.com') {
            return String(payload.to).startsWith('bounce')
              ? discard('mailbox full')
              : completed({ messageId: `sent-${payload.to}` });
          }
          passes.push(context.pass);
          if (context.pass === 1) {
            return waitForChildren(
              Array.from({ length: FAN_OUT }, (_, i) => ({
                type: 'email.send' as const,
                payload: {
                  to: `${i % 50 === 0 ? 'bounce' : 'reader'}${i}@example.com`,
                  subject: 'News',
                },
                onFailure: 'ignore' as const,
              })),
            );
          }
          const children = await context.children();
          const sent = children.filter(c => c.status === 'succeeded').length;
          const dead = children.filter(c => c.status === 'dead').length;
          return completed({ messageId: `sent ${sent}, dead ${dead}` });
        },
      });

      const flow = await enqueueFlow(
        fixture.queues,
        parseFlowRequest({
          type: 'email.send',
          payload: { to: 'list@example.com', subject: 'Newsletter' },
        }),
      );

      const view = await viewWhen(flow.id, v => v.status === 'succeeded');
      expect(passes).toEqual([1, 2]);
      expect(view.result).toEqual({ messageId: `sent ${FAN_OUT - 4}, dead 4` });
      expect(view.attempts.made).toBe(1);
      expect(view.children).toEqual({
        total: FAN_OUT,
        counts: { succeeded: FAN_OUT - 4, dead: 4 },
      });
    });

    it('is waiting while its children run', async () => {
      start({
        'system.sleep': async ({ ms }) => {
          await new Promise(resolve => setTimeout(resolve, ms));
          return completed({ sleptMs: ms });
        },
        'system.noop': async (_payload, context) =>
          context.pass === 1
            ? waitForChildren([
                { type: 'system.sleep', payload: { ms: 1_000 } },
                { type: 'system.sleep', payload: { ms: 1_000 } },
              ])
            : completed({}),
      });
      const flow = await enqueueFlow(
        fixture.queues,
        parseFlowRequest({ type: 'system.noop', payload: {} }),
      );

      const waiting = await viewWhen(flow.id, v => v.status === 'waiting');
      expect(waiting.children?.total).toBe(2);

      await viewWhen(flow.id, v => v.status === 'succeeded');
    });

    it("holds its children to their concurrencyKey's cap, other keys running beside them", async () => {
      await setJobTypeLimits(fixture.queues, 'system.sleep', {
        rateLimit: null,
        maxConcurrent: null,
        perKeyConcurrency: 1,
      });
      const runs: { key: string; start: number; end: number }[] = [];
      start({
        'system.sleep': async ({ ms }, context) => {
          const startedAt = Date.now();
          await new Promise(resolve => setTimeout(resolve, ms));
          const job = await fixture.queues
            .queueFor('system.sleep')
            .getJob(context.jobId);
          const key = String(job?.data.concurrencyKey);
          runs.push({ key, start: startedAt, end: Date.now() });
          return completed({ sleptMs: ms });
        },
        'system.noop': async (_payload, context) =>
          context.pass === 1
            ? waitForChildren([
                ...Array.from({ length: 4 }, () => ({
                  type: 'system.sleep' as const,
                  payload: { ms: 150 },
                  concurrencyKey: 'acme',
                })),
                {
                  type: 'system.sleep',
                  payload: { ms: 150 },
                  concurrencyKey: 'globex',
                },
              ])
            : completed({}),
      });
      const flow = await enqueueFlow(
        fixture.queues,
        parseFlowRequest({ type: 'system.noop', payload: {} }),
      );

      const view = await viewWhen(flow.id, v => v.status === 'succeeded');
      expect(view.attempts.made).toBe(1);
      const acme = runs
        .filter(run => run.key === 'acme')
        .sort((a, b) => a.start - b.start);
      expect(acme).toHaveLength(4);
      // One at a time: each acme child starts after the one before ended.
      acme.slice(1).forEach((run, i) => {
        expect(run.start).toBeGreaterThanOrEqual(acme[i].end);
      });
      const [globex] = runs.filter(run => run.key === 'globex');
      expect(globex.start).toBeLessThan(acme[acme.length - 1].start);
    });

    it('ends dead at once when a child breaks its contract, naming it', async () => {
      start({
        'system.noop': async () =>
          waitForChildren([
            { type: 'system.noop', payload: {} },
            // A foreign or older handler's mistake, past the compiler.
            { type: 'email.send', payload: { to: 'nobody' } } as never,
          ]),
      });
      const flow = await enqueueFlow(
        fixture.queues,
        parseFlowRequest({ type: 'system.noop', payload: {} }),
      );

      const view = await viewWhen(flow.id, v => v.status === 'dead');
      expect(view.lastError?.message).toMatch(/\/children\/1\/payload/);
      expect(view.children).toBeUndefined();
    });
  });
});
