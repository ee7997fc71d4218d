import { type JobContext } from '@errand/contracts';
import { systemFailHandler } from './system-fail.handler';

function attempt(number: number, maxAttempts = 4): JobContext {
  return {
    jobId: 'job-1',
    type: 'system.fail',
    attempt: number,
    maxAttempts,
    signal: new AbortController().signal,
    reportProgress: async () => undefined,
    pass: 1,
    children: async () => [],
  };
}

describe('systemFailHandler', () => {
  describe('when the payload sets times', () => {
    it.each([1, 2, 3])(
      'throws on attempt %i of three failing ones',
      async n => {
        await expect(
          systemFailHandler({ times: 3 }, attempt(n)),
        ).rejects.toThrow(`system.fail: attempt ${n} fails on purpose`);
      },
    );

    it('succeeds on the attempt after the failing ones, saying which', async () => {
      await expect(
        systemFailHandler({ times: 3 }, attempt(4)),
      ).resolves.toEqual({
        kind: 'completed',
        result: { succeededOnAttempt: 4 },
      });
    });
  });

  describe('when the payload leaves times out', () => {
    it('throws on every attempt, the last one included', async () => {
      await expect(systemFailHandler({}, attempt(1))).rejects.toThrow();
      await expect(systemFailHandler({}, attempt(4, 4))).rejects.toThrow();
    });
  });

  describe('when the payload is permanent', () => {
    it('discards the job at once instead of throwing', async () => {
      await expect(
        systemFailHandler({ permanent: true, times: 5 }, attempt(1)),
      ).resolves.toEqual({
        kind: 'discard',
        reason: 'system.fail: attempt 1 fails on purpose',
      });
    });
  });

  describe('when the payload gives a message', () => {
    it('fails with that message', async () => {
      await expect(
        systemFailHandler({ message: 'disk on fire' }, attempt(1)),
      ).rejects.toThrow('disk on fire');
    });

    it('discards with that message when permanent', async () => {
      await expect(
        systemFailHandler(
          { message: 'disk on fire', permanent: true },
          attempt(1),
        ),
      ).resolves.toEqual({ kind: 'discard', reason: 'disk on fire' });
    });
  });
});
