import { InvalidArgumentError } from 'commander';
import type { RateLimit } from '@errand/contracts';

const UNIT_MS: Record<string, number> = { s: 1_000, m: 60_000, h: 3_600_000 };

/**
 * What `off` parses to: commander turns a parser's null into '' (its
 * value for an option given without one), so `off` stays a word until the
 * command reads it.
 */
export const OFF = 'off';

/**
 * A commander parser for `--rate`: `N/s`, `N/m`, `N/h` or `N/<ms>ms`
 * (jobs per window), or `off`.
 */
export function parseRateLimit(value: string): RateLimit | typeof OFF {
  if (value.trim() === OFF) return OFF;
  const match = /^\s*(\d+)\s*\/\s*(?:(\d+)\s*ms|([smh]))\s*$/.exec(value);
  const max = Number(match?.[1]);
  const durationMs = match?.[2] ? Number(match[2]) : UNIT_MS[match?.[3] ?? ''];
  if (!match || !(max >= 1) || !(durationMs >= 1)) {
    throw new InvalidArgumentError(
      'Give jobs per window as N/s, N/m, N/h or N/<ms>ms (10/s, 5/250ms), or off.',
    );
  }
  return { max, durationMs };
}

/** A commander parser for a cap: a whole number of at least 1, or `off`. */
export function parseCap(value: string): number | typeof OFF {
  if (value.trim() === OFF) return OFF;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) {
    throw new InvalidArgumentError(
      'Give a whole number of at least 1, or off.',
    );
  }
  return n;
}

/** How a rate limit reads: `10/s`, `5/250ms`. */
export function formatRate(rate: RateLimit | null): string {
  if (rate === null) return 'off';
  const unit = Object.entries(UNIT_MS).find(([, ms]) => ms === rate.durationMs);
  return unit ? `${rate.max}/${unit[0]}` : `${rate.max}/${rate.durationMs}ms`;
}
