import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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
      logger = createLogger({ service: 'api' });

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
      logger = createLogger({ service: 'worker', level: 'warn' });

      logger.info('not shown');
      logger.warn('shown');

      expect(printed().map(line => line.message)).toEqual(['shown']);
    });

    it('keeps the stack of a logged error', () => {
      logger = createLogger({ service: 'worker' });

      logger.error(new Error('Redis went away'));

      expect(printed()[0]).toMatchObject({
        level: 'error',
        message: 'Redis went away',
        stack: expect.stringMatching(/^Error: Redis went away\n\s+at /),
      });
    });
  });

  describe('with a LOG_FILE', () => {
    it('appends the same JSON lines to the file', async () => {
      const file = join(dir, 'errand.log');
      logger = createLogger({ service: 'api', file });

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
