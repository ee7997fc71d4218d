import { InvalidArgumentError } from 'commander';

/** A commander parser for a whole number from 1 to `max`. */
export function parseCount(max: number): (value: string) => number {
  return value => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < 1 || n > max) {
      throw new InvalidArgumentError(`Give a whole number from 1 to ${max}.`);
    }
    return n;
  };
}
