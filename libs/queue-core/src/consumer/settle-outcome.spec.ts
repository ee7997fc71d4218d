import { UnrecoverableError } from 'bullmq';
import { completed, discard, retry, type Outcome } from './outcome';
import { settleOutcome, settlementOf, type Settlement } from './settle-outcome';

describe('settleOutcome', () => {
  describe('when the handler completed', () => {
    it('returns the result for BullMQ to store', () => {
      expect(settleOutcome(completed({ messageId: 'm-1' }))).toEqual({
        messageId: 'm-1',
      });
    });
  });

  describe('when the handler asks to retry', () => {
    it('throws a plain error, so BullMQ schedules another attempt', () => {
      const act = () => settleOutcome(retry('SMTP is busy'));

      expect(act).toThrow(new Error('SMTP is busy'));
      expect(act).not.toThrow(UnrecoverableError);
    });
  });

  describe('when the handler discards the job', () => {
    it('throws UnrecoverableError, so BullMQ fails it at once', () => {
      const act = () => settleOutcome(discard('no such mailbox'));

      expect(act).toThrow(UnrecoverableError);
      expect(act).toThrow('no such mailbox');
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
