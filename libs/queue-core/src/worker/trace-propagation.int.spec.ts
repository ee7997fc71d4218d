import {
  completed,
  type JobContext,
  type ValidEnqueueRequest,
} from '@errand/contracts';
import type { SettledEvent } from './process-job';
import { enqueueBatch } from '../index';
import { enqueueJob } from '../index';
import { testHandlers, useQueueFixture, waitFor } from '../testing/index';
import { parseTraceparent } from '@errand/runtime';

const TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';
const INCOMING = `00-${TRACE_ID}-00f067aa0ba902b7-01`;
const noop: ValidEnqueueRequest = { type: 'system.noop', payload: {} };

describe('trace propagation from enqueue to handler', () => {
  const fixture = useQueueFixture();

  /** Runs a consumer and collects each attempt's context and settled event. */
  function consume() {
    const contexts: JobContext[] = [];
    const settled: SettledEvent[] = [];
    fixture.startConsumer({
      types: ['system.noop'],
      concurrency: 5,
      handlers: testHandlers({
        'system.noop': async (_payload, context) => {
          contexts.push(context);
          return completed({});
        },
      }),
      hooks: { onSettled: event => settled.push(event) },
    });
    return { contexts, settled };
  }

  describe('when a job is enqueued with a trace', () => {
    it('hands the handler a child span of that trace, and reports its trace id', async () => {
      const { id } = await enqueueJob(fixture.queues, noop, {
        traceparent: INCOMING,
      });
      const { contexts, settled } = consume();

      await waitFor(
        async () => settled.length,
        n => n === 1,
      );

      const child = parseTraceparent(contexts[0].traceparent);
      expect(child).toMatchObject({ traceId: TRACE_ID, flags: '01' });
      expect(child?.spanId).not.toBe('00f067aa0ba902b7');
      expect(settled[0]).toMatchObject({ jobId: id, traceId: TRACE_ID });
    });

    it('stores the trace with every job of a batch', async () => {
      await enqueueBatch(fixture.queues, [noop, noop], {
        traceparent: INCOMING,
      });
      const { settled } = consume();

      await waitFor(
        async () => settled.length,
        n => n === 2,
      );

      expect(settled.map(event => event.traceId)).toEqual([TRACE_ID, TRACE_ID]);
    });
  });

  describe('when a job is enqueued without one', () => {
    it('starts a new trace for the attempt', async () => {
      await enqueueJob(fixture.queues, noop);
      const { contexts, settled } = consume();

      await waitFor(
        async () => settled.length,
        n => n === 1,
      );

      const traceId = parseTraceparent(contexts[0].traceparent)?.traceId;
      expect(traceId).toMatch(/^[0-9a-f]{32}$/);
      expect(traceId).not.toBe(TRACE_ID);
      expect(settled[0].traceId).toBe(traceId);
    });
  });
});
