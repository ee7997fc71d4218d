import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Polls `probe` until `until` accepts its value and resolves with that
 * value. Fails after `timeoutMs` with the last value seen, so a test that
 * waits for `dead` and gets stuck on `retrying` says so.
 *
 * @param timeoutMs - @defaultValue 5 000 ms
 * @param intervalMs - @defaultValue 20 ms
 */
export async function waitFor<T>(
  probe: () => Promise<T>,
  until: (value: T) => boolean,
  timeoutMs = 5_000,
  intervalMs = 20,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (until(value)) return value;
    if (Date.now() >= deadline) {
      throw new Error(
        `Gave up after ${timeoutMs} ms; last value: ${JSON.stringify(value)}`,
      );
    }
    await sleep(intervalMs);
  }
}
