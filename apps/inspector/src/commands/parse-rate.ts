import { InvalidArgumentError } from 'commander';
import { MAX_REPLAY_RATE } from '@errand/contracts';

/** A commander parser for `--rate`: `N` or `N/s`, 1 to the replay maximum. */
export function parseRate(value: string): number {
  const n = Number(value.trim().replace(/\/s$/, ''));
  if (!Number.isInteger(n) || n < 1 || n > MAX_REPLAY_RATE) {
    throw new InvalidArgumentError(
      `Give jobs per second as N or N/s, from 1 to ${MAX_REPLAY_RATE}.`,
    );
  }
  return n;
}
