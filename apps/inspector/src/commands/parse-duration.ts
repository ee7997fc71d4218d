import { InvalidArgumentError } from 'commander';

const UNIT_MS = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/**
 * A commander parser for an age such as `90s`, `15m`, `1h` or `7d`, in
 * milliseconds. A bare number is refused: `7` could mean anything.
 */
export function parseDuration(value: string): number {
  const match = /^(\d+)(ms|s|m|h|d)$/.exec(value.trim());
  if (!match) {
    throw new InvalidArgumentError('Give an age such as 90s, 15m, 1h or 7d.');
  }
  return Number(match[1]) * UNIT_MS[match[2] as keyof typeof UNIT_MS];
}

/** A parser for `--since`: an age (`1h`) or an ISO time, as an ISO time. */
export function parseSince(value: string): string {
  if (/^\d+(ms|s|m|h|d)$/.test(value.trim())) {
    return new Date(Date.now() - parseDuration(value)).toISOString();
  }
  const at = Date.parse(value);
  if (Number.isNaN(at)) {
    throw new InvalidArgumentError(
      'Give an age such as 1h or 7d, or an ISO time.',
    );
  }
  return new Date(at).toISOString();
}
