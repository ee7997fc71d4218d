import { UnrecoverableError } from 'bullmq';
import {
  completed,
  discard,
  retry,
  snooze,
  type Outcome,
} from '@errand/contracts';
import { JobCancelledError } from '../store/errors/job-cancelled-error';
import { endingOf, settle, type Ending, type Settlement } from './settle';
import { WorkerShutdownError } from './worker-shutdown-error';

// Only the endings that move the job touch it; those paths are covered
// against Redis in process-job.int.spec.ts. A success reads the envelope
// for a callback (none here), so the job is a bare one without.
const noJob = { data: {} } as never;
const noStore = undefined as never;
const facts = { attempt: 1, worker: 'w', durationMs: 1 };

describe('settle', () => {
  describe('when the handler completed', () => {
    it('returns the result for BullMQ to store', async () => {
      const ending = endingOf(
        { outcome: completed({ messageId: 'm-1' }) },
        undefined,
        true,
        1,
        1,
      );

      await expect(
        settle(noJob, undefined, ending, facts, noStore),
      ).resolves.toEqual({ messageId: 'm-1' });
    });
  });

  describe('when the handler asks to retry', () => {
    it('throws a plain error, so BullMQ schedules another attempt', async () => {
      const ending: Ending = {
        kind: 'retrying',
        error: new Error('SMTP is busy'),
        stack: null,
      };
      const job = { id: 'j', attemptsMade: 0 } as never;
      const settled = settle(job, undefined, ending, facts, noStore);

      await expect(settled).rejects.toThrow(new Error('SMTP is busy'));
      await expect(settled).rejects.not.toBeInstanceOf(UnrecoverableError);
    });
  });

  describe('when the handler discards the job', () => {
    it('throws UnrecoverableError, so BullMQ fails it at once', async () => {
      const ending = endingOf(
        { outcome: discard('no such mailbox') },
        undefined,
        true,
        1,
        5,
      );
      const job = { id: 'j', attemptsMade: 0 } as never;
      const settled = settle(job, undefined, ending, facts, noStore);

      await expect(settled).rejects.toBeInstanceOf(UnrecoverableError);
      await expect(settled).rejects.toThrow('no such mailbox');
    });
  });
});

describe('endingOf', () => {
  const ok = { outcome: completed(1) };
  const again = { outcome: retry('again') };
  const never = { outcome: discard('never') };
  const threw = { thrown: new Error('boom') };

  it.each<
    [
      string,
      Settlement,
      { outcome: Outcome<unknown> } | { thrown: unknown },
      number,
      number,
    ]
  >([
    ['a completed attempt', 'succeeded', ok, 1, 1],
    ['completing the last attempt', 'succeeded', ok, 3, 3],
    ['a discard with attempts left', 'dead', never, 1, 5],
    ['a retry with attempts left', 'retrying', again, 1, 2],
    ['a retry on the last attempt', 'dead', again, 2, 2],
    ['a throw with attempts left', 'retrying', threw, 2, 4],
    ['a throw on the last attempt', 'dead', threw, 4, 4],
    ['a throw with a single attempt', 'dead', threw, 1, 1],
    ['a snooze', 'snoozed', { outcome: snooze(10, 'later') }, 3, 3],
  ])('after %s, the job is %s', (_, expected, result, attempt, maxAttempts) => {
    expect(endingOf(result, undefined, true, attempt, maxAttempts).kind).toBe(
      expected,
    );
  });

  it('keeps a thrown error as BullMQ must record it, with its stack', () => {
    const ending = endingOf({ thrown: 'not an Error' }, undefined, true, 1, 2);

    expect(ending).toMatchObject({ kind: 'retrying' });
    expect(ending.kind === 'retrying' && ending.error).toBeInstanceOf(Error);
    expect(ending.kind === 'retrying' && ending.stack).toEqual(
      expect.any(String),
    );
  });

  it('records no stack for a failure the handler returned', () => {
    expect(endingOf(again, undefined, true, 1, 2)).toMatchObject({
      stack: null,
    });
  });

  it('ends a cancelled run as cancelled, naming who cancelled it', () => {
    expect(endingOf(threw, new JobCancelledError('ops'), true, 1, 1)).toEqual({
      kind: 'cancelled',
      by: 'ops',
    });
  });

  it('releases a run the worker stopped to shut down, using no attempt', () => {
    expect(endingOf(threw, new WorkerShutdownError(), true, 1, 1)).toEqual({
      kind: 'released',
    });
  });

  it('lets a returned outcome win over a stop that came too late', () => {
    expect(endingOf(ok, new JobCancelledError('ops'), true, 1, 1).kind).toBe(
      'succeeded',
    );
  });

  it('fails a stopped run whose lock it does not hold', () => {
    expect(
      endingOf(threw, new JobCancelledError('ops'), false, 1, 1).kind,
    ).toBe('dead');
  });
});
