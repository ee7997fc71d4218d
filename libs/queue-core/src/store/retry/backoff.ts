/**
 * Backoff maths as pure functions, so their bounds can be property-tested.
 * `attempt` counts failed attempts so far, starting at 1.
 */

/** `baseMs · 2^(attempt−1)`, never above `capMs`: 1 s, 2 s, 4 s … */
export function exponential(
  attempt: number,
  baseMs: number,
  capMs: number,
): number {
  const exponent = Math.max(0, attempt - 1);
  // 2^exponent overflows to Infinity long before it matters; min() caps it.
  return Math.min(capMs, baseMs * 2 ** exponent);
}

/** The same delay for every attempt. */
export function fixed(delayMs: number): number {
  return delayMs;
}

/**
 * Takes up to `ratio` off a delay at random, so that jobs that failed
 * together do not all retry in the same instant. Jitter only ever shortens
 * a delay, so a capped delay stays under its cap. Whole milliseconds are
 * rounded up, never to nearest, which could take more than `ratio` off a
 * short delay.
 *
 * @param random - a number in [0, 1); `Math.random` unless a test fixes it.
 */
export function withJitter(
  delayMs: number,
  ratio: number,
  random: () => number = Math.random,
): number {
  return Math.ceil(delayMs * (1 - ratio * random()));
}
