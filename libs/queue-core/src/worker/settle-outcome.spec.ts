import { UnrecoverableError } from 'bullmq';
import { completed, discard, retry, type Outcome } from '@errand/contracts';
import { settleOutcome, settlementOf, type Settlement } from './settle-outcome';

// Only `snooze` touches the job; its path is covered against Redis in
// process-job.int.spec.ts.
const noJob = undefined as never;

describe('settleOutcome', () => {
  describe('when the handler completed', () => {
    it('returns the result for BullMQ to store', async () => {
      await expect(
        settleOutcome(completed({ messageId: 'm-1' }), noJob, undefined),
      ).resolves.toEqual({ messageId: 'm-1' });
    });
  });

  describe('when the handler asks to retry', () => {
    it('throws a plain error, so BullMQ schedules another attempt', async () => {
      const settled = settleOutcome(retry('SMTP is busy'), noJob, undefined);

      await expect(settled).rejects.toThrow(new Error('SMTP is busy'));
      await expect(settled).rejects.not.toBeInstanceOf(UnrecoverableError);
    });
  });

  describe('when the handler discards the job', () => {
    it('throws UnrecoverableError, so BullMQ fails it at once', async () => {
      const settled = settleOutcome(
        discard('no such mailbox'),
        noJob,
        undefined,
      );

      await expect(settled).rejects.toBeInstanceOf(UnrecoverableError);
      await expect(settled).rejects.toThrow('no such mailbox');
    });
  });
});

describe('settlementOf', () => {
  const ok = completed(1);
  const again = retry('again');
  const never = discard('never');

  it.each<[string, Settlement, Outcome<unknown> | undefined, number, number]>([
    ['a completed attempt', 'succeeded', ok, 1, 1],
    ['completing the last attempt', 'succeeded', ok, 3, 3],
    ['a discard with attempts left', 'dead', never, 1, 5],
    ['a retry with attempts left', 'retrying', again, 1, 2],
    ['a retry on the last attempt', 'dead', again, 2, 2],
    ['a throw with attempts left', 'retrying', undefined, 2, 4],
    ['a throw on the last attempt', 'dead', undefined, 4, 4],
    ['a throw with a single attempt', 'dead', undefined, 1, 1],
  ])(
    'after %s, the job is %s',
    (_, expected, outcome, attempt, maxAttempts) => {
      expect(settlementOf(outcome, attempt, maxAttempts)).toBe(expected);
    },
  );
});
