import { maskSecrets, MAX_SCANNED_CHARS, redactValue } from './redact-secrets';

// The masks run on every logged string, and some of those strings are an
// unauthenticated client's (a request path at LOG_LEVEL=http). Their cost
// must grow linearly with the input. Time bounds would be flaky, so each
// shape is timed (CPU time) at two sizes, 16 times apart, per character: a
// linear mask costs about the same per character at both sizes, a
// quadratic one 16 times as much at the large size (the path from issue 15
// cost 62 ms at 16 KiB). Each round times about a million characters (many
// calls on the small input, few on the large), the two sizes take turns so
// that a busy spell on the machine slows both, and the fastest round of
// each counts. A 5x margin leaves room for noise without letting quadratic
// through.
const SMALL = 1_024;
const LARGE = 16_384;
const CHARS_PER_ROUND = 1_048_576;
const ROUNDS = 15;
const LINEAR_MARGIN = 5;

/** `unit` repeated to `size` characters, between `head` and `tail`. */
const shape = (unit: string, size: number, tail = '', head = '') =>
  head + unit.repeat(Math.ceil(size / unit.length)).slice(0, size) + tail;

/**
 * Microseconds of CPU per character of one round of `run(input)`. CPU
 * time, not wall-clock time: the time this process is not scheduled, on a
 * machine busy with other work, does not count.
 */
function timePerChar(run: (input: string) => unknown, input: string): number {
  const calls = Math.max(1, Math.round(CHARS_PER_ROUND / input.length));
  const start = process.cpuUsage();
  for (let call = 0; call < calls; call++) run(input);
  const { user, system } = process.cpuUsage(start);
  return (user + system) / (calls * input.length);
}

/**
 * Per-character cost of `run` at LARGE over that at SMALL, each the fastest
 * of its rounds, after a warm-up round. A round takes a few milliseconds
 * when the mask is linear; past a 3 s budget (a quadratic mask takes
 * seconds a round) the rounds stop early, to fail fast rather than slowly.
 */
function growth(
  run: (input: string) => unknown,
  make: (size: number) => string,
): number {
  const inputs = [make(SMALL), make(LARGE)];
  inputs.forEach(input => timePerChar(run, input));
  const best = [Infinity, Infinity];
  const budget = process.hrtime.bigint() + 3_000_000_000n;
  for (let round = 0; round < ROUNDS; round++) {
    inputs.forEach((input, i) => {
      best[i] = Math.min(best[i], timePerChar(run, input));
    });
    if (process.hrtime.bigint() > budget) break;
  }
  return best[1] / best[0];
}

describe('the cost of masking secrets', () => {
  describe.each<[string, (size: number) => string]>([
    // Issue 15: a request path of word starts that each look like a scheme.
    ['the issue 15 path /a.a.a…@', size => shape('a.', size, '@', '/')],
    ['scheme characters a+a-a.…@', size => shape('a+b-c.', size, '@')],
    ['scheme starts after an @', size => shape('a-', size, '', '@ ')],
    [
      'a userinfo with no @ after it',
      size => shape('p', size, ' x', '@ s://u:'),
    ],
    ['repeated schemes x://x://…@', size => shape('x://', size, '@')],
    ['repeated userinfo x://u:p …@', size => shape('x://u:p ', size, '@')],
    ['Bearer followed by blanks', size => shape(' ', size, '!', 'Bearer')],
    ['Bearer repeated', size => shape('Bearer ', size)],
    ['Bearer and blanks, no token', size => shape('Bearer \t', size, '!')],
  ])('for %s', (_name, make) => {
    it('grows linearly with the input', () => {
      expect(growth(maskSecrets, make)).toBeLessThan(LINEAR_MARGIN);
    });
  });

  it('grows linearly with the length of a field name', () => {
    const run = (name: string) => redactValue({ [name]: 'v' });
    expect(growth(run, size => shape('password', size))).toBeLessThan(
      LINEAR_MARGIN,
    );
  });

  describe('past the scan cap', () => {
    const huge = shape('a.', 64 * MAX_SCANNED_CHARS, '@', '/');

    it('costs what the cap costs, however long the string', () => {
      // Per character, a string 64 times the cap costs 1/64 of one at it.
      const perChar = growth(maskSecrets, size =>
        size === SMALL ? shape('a.', MAX_SCANNED_CHARS, '@', '/') : huge,
      );
      expect(perChar * 64).toBeLessThan(LINEAR_MARGIN);
    });

    it('keeps the first MAX_SCANNED_CHARS characters and says how many it dropped', () => {
      expect(maskSecrets(huge)).toBe(
        `${huge.slice(0, MAX_SCANNED_CHARS)}…[${huge.length - MAX_SCANNED_CHARS} more characters not logged]`,
      );
    });

    it('masks a password the cut falls into', () => {
      const text = `${'x'.repeat(MAX_SCANNED_CHARS - 20)} redis://u:hunter2hunter2hunter2@host`;
      const masked = maskSecrets(text);
      expect(masked).not.toContain('hunter2');
      expect(masked).toContain(' redis://u:***…[');
    });
  });
});
