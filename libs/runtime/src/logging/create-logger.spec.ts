import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { setTimeout as sleep } from 'node:timers/promises';
import { createLogger, createSilentLogger, type Logger } from './create-logger';

/** The JSON lines in `file` once there are `count`; the file is async. */
async function linesOf(file: string, count: number): Promise<object[]> {
  const deadline = Date.now() + 5_000;
  for (;;) {
    const text = existsSync(file) ? readFileSync(file, 'utf8') : '';
    const lines = text.split('\n').filter(line => line !== '');
    if (lines.length >= count) return lines.map(line => JSON.parse(line));
    if (Date.now() > deadline) {
      throw new Error(`${file} has ${lines.length} of ${count} lines`);
    }
    await sleep(10);
  }
}

/**
 * The stream winston's Console transport writes to: `process.stdout` in Node,
 * Jest's console buffer inside a Jest worker.
 */
const consoleStdout = () =>
  (console as unknown as { _stdout: NodeJS.WriteStream })._stdout;

describe('createLogger', () => {
  let dir: string;
  let stdout: jest.SpyInstance;
  let logger: Logger | undefined;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'errand-log-'));
    stdout = jest.spyOn(consoleStdout(), 'write').mockReturnValue(true);
  });

  afterEach(() => {
    logger?.close();
    logger = undefined;
    stdout.mockRestore();
    rmSync(dir, { recursive: true, force: true });
  });

  /** What the logger printed, one parsed JSON object per line. */
  const printed = () =>
    stdout.mock.calls.map(([chunk]) => JSON.parse(String(chunk)));

  describe('without a file', () => {
    it('prints one JSON object per line with service, level and time', () => {
      logger = createLogger({ service: 'api', format: 'json' });

      logger.info('listening', { port: 8000 });

      expect(printed()).toEqual([
        {
          level: 'info',
          message: 'listening',
          port: 8000,
          service: 'api',
          timestamp: expect.stringMatching(/^\d{4}-\d\d-\d\dT.*Z$/),
        },
      ]);
    });

    it('drops lines below its level', () => {
      logger = createLogger({
        service: 'worker',
        level: 'warn',
        format: 'json',
      });

      logger.info('not shown');
      logger.warn('shown');

      expect(printed().map(line => line.message)).toEqual(['shown']);
    });

    it('keeps the stack of a logged error', () => {
      logger = createLogger({ service: 'worker', format: 'json' });

      logger.error(new Error('Redis went away'));

      expect(printed()[0]).toMatchObject({
        level: 'error',
        message: 'Redis went away',
        stack: expect.stringMatching(/^Error: Redis went away\n\s+at /),
      });
    });
  });

  describe('when a line carries credentials', () => {
    const SECRET = 'hunter2-s3cret';

    it('never writes them, to stdout or the file', async () => {
      const file = join(dir, 'errand.log');
      logger = createLogger({ service: 'api', file, format: 'json' });

      logger.info(`connecting to redis://:${SECRET}@cache:6379/0`, {
        redisUrl: `redis://default:${SECRET}@cache:6379`,
        headers: { Authorization: `Bearer ${SECRET}`, accept: 'json' },
        apiKey: SECRET,
        nested: { 'x-api-key': SECRET, list: [{ password: SECRET }] },
      });
      logger.error(new Error(`auth failed for rediss://u:${SECRET}@h`));
      logger.warn('echo', { note: `got Bearer ${SECRET}` });

      const lines = await linesOf(file, 3);
      const written = [
        ...stdout.mock.calls.map(([c]) => String(c)),
        readFileSync(file, 'utf8'),
      ].join('\n');
      expect(written).not.toContain(SECRET);
      expect(lines[0]).toMatchObject({
        message: 'connecting to redis://:***@cache:6379/0',
        redisUrl: 'redis://default:***@cache:6379',
        headers: { Authorization: '[redacted]', accept: 'json' },
        apiKey: '[redacted]',
        nested: {
          'x-api-key': '[redacted]',
          list: [{ password: '[redacted]' }],
        },
      });
      expect(lines[2]).toMatchObject({ note: 'got Bearer ***' });
    });

    it('redacts the sensitive fields of a job payload logged with its type', () => {
      logger = createLogger({ service: 'worker', format: 'json' });
      const payload = { to: 'a@example.com', subject: 'Hi', text: SECRET };

      logger.info('job', { type: 'email.send', payload });

      expect(printed()[0].payload).toEqual({
        to: 'a@example.com',
        subject: 'Hi',
        text: '[redacted]',
      });
      expect(payload.text).toBe(SECRET);
    });

    it('shows a logged error as its name, message and stack', () => {
      logger = createLogger({ service: 'api', format: 'json' });

      logger.error('request failed', { error: new TypeError('boom') });

      expect(printed()[0].error).toMatchObject({
        name: 'TypeError',
        message: 'boom',
        stack: expect.stringContaining('TypeError: boom'),
      });
    });
  });

  describe('with LOG_FORMAT=pretty', () => {
    it('prints one readable line: time, level, service, message, fields', () => {
      logger = createLogger({ service: 'worker', format: 'pretty' });

      logger.warn('job attempt failed', {
        attempt: 2,
        error: 'two words',
        jobId: 'j1',
      });

      // Colour codes depend on the terminal Jest runs in: compare without.
      const [line] = stdout.mock.calls.map(([c]) =>
        stripVTControlCharacters(String(c)),
      );
      expect(line).toMatch(
        /^\d\d:\d\d:\d\d\.\d{3} warn \[worker\] job attempt failed attempt=2 error='two words' jobId=j1\n$/,
      );
    });

    describe('when a message, field or stack carries a forged line', () => {
      /* eslint-disable no-control-regex -- finding them is the point */
      const OUR_COLOURS = /\u001b\[\d+m/g;
      const CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029]/;
      /* eslint-enable no-control-regex */
      // What a webhook receiver answered, as it reaches a job's error.
      const forged = 'nope\n12:00:00.000 info [worker] job succeeded\u001b[2J';
      const escaped = 'nope\\n12:00:00.000 info [worker] job succeeded\\x1b[2J';

      const record = () => {
        const [chunk] = stdout.mock.calls.map(([c]) => String(c));
        // Our own colour codes around the level may be there; an escape
        // sequence from the data may not.
        expect(chunk.replace(OUR_COLOURS, '')).not.toMatch(CONTROL);
        return stripVTControlCharacters(chunk).replace(/\n$/, '').split('\n');
      };

      it('prints the message and the fields escaped, on one line', () => {
        logger = createLogger({ service: 'worker', format: 'pretty' });

        logger.warn(`webhook answered ${forged}`, {
          answer: forged,
          note: 'line\u2028separator',
        });

        const lines = record();
        expect(lines).toHaveLength(1);
        expect(lines[0]).toContain(`warn [worker] webhook answered ${escaped}`);
        // Quoted by util.inspect, which writes ESC as \x1B.
        expect(lines[0]).toContain(
          `answer='${escaped.replace('\\x1b', '\\x1B')}'`,
        );
        expect(lines[0]).toContain("note='line\\u2028separator'");
      });

      it('prints the stack on indented lines, none of them a record', () => {
        logger = createLogger({ service: 'worker', format: 'pretty' });

        logger.error(new Error(forged));

        const [head, ...stack] = record();
        expect(head).toMatch(/^\d\d:\d\d:\d\d\.\d{3} error \[worker\] /);
        expect(head).toContain(escaped);
        expect(stack.length).toBeGreaterThan(1);
        expect(stack[0]).toBe(`  Error: ${escaped}`);
        for (const line of stack) expect(line).toMatch(/^ {2}/);
        expect(stack.filter(line => line.includes('job succeeded'))).toEqual([
          stack[0],
        ]);
      });

      it('indents every line of a stack that is not its own message', () => {
        logger = createLogger({ service: 'worker', format: 'pretty' });

        logger.error('job failed', {
          stack: `Error: ${forged}\n    at deliver (webhook.ts:1:1)`,
        });

        const [head, ...stack] = record();
        expect(head).toMatch(/ error \[worker\] job failed$/);
        expect(stack).toEqual([
          '  Error: nope',
          '  12:00:00.000 info [worker] job succeeded\\x1b[2J',
          '      at deliver (webhook.ts:1:1)',
        ]);
      });
    });
  });

  describe('with a LOG_FILE', () => {
    it('appends the same JSON lines to the file', async () => {
      const file = join(dir, 'errand.log');
      logger = createLogger({ service: 'api', file, format: 'json' });

      logger.info('first', { n: 1 });
      logger.warn('second', { n: 2 });

      const lines = await linesOf(file, 2);
      expect(lines).toEqual(printed());
      expect(lines).toMatchObject([
        { level: 'info', message: 'first', n: 1, service: 'api' },
        { level: 'warn', message: 'second', n: 2, service: 'api' },
      ]);
    });
  });
});

describe('createSilentLogger', () => {
  it('prints nothing', () => {
    const stdout = jest.spyOn(consoleStdout(), 'write').mockReturnValue(true);
    try {
      createSilentLogger().error('not shown');

      expect(stdout).not.toHaveBeenCalled();
    } finally {
      stdout.mockRestore();
    }
  });
});
