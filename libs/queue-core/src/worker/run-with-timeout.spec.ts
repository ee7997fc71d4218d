import { setTimeout as sleep } from 'node:timers/promises';
import { JobStop } from './job-stop';
import { JobTimeoutError } from './job-timeout-error';
import { runWithTimeout } from './run-with-timeout';

/** Work that only ends when its signal aborts, and records that signal. */
function untilAborted(seen: AbortSignal[]) {
  return ({ signal }: JobStop) => {
    seen.push(signal);
    return new Promise<never>((_, reject) =>
      signal.addEventListener('abort', () => reject(signal.reason)),
    );
  };
}

describe('runWithTimeout', () => {
  describe('when the work finishes in time', () => {
    it('resolves with its value', async () => {
      const value = await runWithTimeout(async () => {
        await sleep(5);
        return 'done';
      }, 1_000);

      expect(value).toBe('done');
    });

    it('leaves no timer behind', async () => {
      jest.useFakeTimers();
      try {
        await runWithTimeout(async () => 'done', 60_000);

        expect(jest.getTimerCount()).toBe(0);
      } finally {
        jest.useRealTimers();
      }
    });
  });

  describe('when the work fails in time', () => {
    it('rejects with its error unchanged', async () => {
      const failure = new Error('SMTP refused');

      await expect(
        runWithTimeout(() => Promise.reject(failure), 1_000),
      ).rejects.toBe(failure);
    });
  });

  describe('when the work runs past the timeout', () => {
    it('rejects with JobTimeoutError and aborts the work', async () => {
      const seen: AbortSignal[] = [];
      const started = Date.now();

      const error = await runWithTimeout(untilAborted(seen), 30).catch(
        (e: unknown) => e,
      );

      expect(error).toBeInstanceOf(JobTimeoutError);
      expect(error).toMatchObject({
        timeoutMs: 30,
        message: 'The attempt timed out after 30 ms.',
      });
      expect(Date.now() - started).toBeGreaterThanOrEqual(25);
      expect(seen[0].aborted).toBe(true);
      expect(seen[0].reason).toBe(error);
    });
  });

  describe('when something else stops the job', () => {
    it('aborts the signal the work sees', async () => {
      const seen: AbortSignal[] = [];
      const shutdown = new JobStop();
      const reason = new Error('The worker is shutting down.');

      const running = runWithTimeout(untilAborted(seen), 60_000, shutdown);
      shutdown.stop(reason);

      await expect(running).rejects.toBe(reason);
      expect(seen[0].aborted).toBe(true);
    });

    it('rejects at once even when the work ignores its signal', async () => {
      const shutdown = new JobStop();
      const reason = new Error('The worker is shutting down.');

      const running = runWithTimeout(
        () => new Promise<never>(() => undefined),
        60_000,
        shutdown,
      );
      shutdown.stop(reason);

      await expect(running).rejects.toBe(reason);
    });

    it('rejects at once when the job was stopped before', async () => {
      const reason = new Error('The worker is shutting down.');
      const shutdown = new JobStop();
      shutdown.stop(reason);

      await expect(
        runWithTimeout(
          () => new Promise<never>(() => undefined),
          60_000,
          shutdown,
        ),
      ).rejects.toBe(reason);
    });
  });
});

describe('runWithTimeout past its deadline', () => {
  describe('when the work ignores its signal', () => {
    it('fails as timed out once the grace period is over', async () => {
      const started = Date.now();

      const error = await runWithTimeout(
        () => new Promise<never>(() => undefined),
        20,
        undefined,
        50,
      ).catch((e: unknown) => e);

      expect(error).toBeInstanceOf(JobTimeoutError);
      expect(Date.now() - started).toBeGreaterThanOrEqual(65);
    });
  });

  describe('when the work resolves during the grace period', () => {
    it('still fails as timed out: the deadline has passed', async () => {
      const error = await runWithTimeout(
        async ({ signal }) => {
          await new Promise(resolve =>
            signal.addEventListener('abort', resolve),
          );
          return 'done anyway';
        },
        20,
        undefined,
        1_000,
      ).catch((e: unknown) => e);

      expect(error).toBeInstanceOf(JobTimeoutError);
    });
  });
});
