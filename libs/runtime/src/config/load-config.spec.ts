import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Type } from '@sinclair/typebox';
import { LoggingConfig } from '../logging/logging-config';
import { ConfigError } from './config-error';
import { loadConfig, loadDotEnv } from './load-config';

/** A schema shaped like the apps' own. */
const TestConfig = Type.Object({
  ...LoggingConfig,
  PORT: Type.Integer({
    default: 8000,
    minimum: 1,
    maximum: 65_535,
    description: 'The HTTP port, 1-65535.',
  }),
  RATE: Type.Number({ default: 0.5 }),
  METRICS: Type.Boolean({ default: false }),
  NAME: Type.String({ default: 'errand', pattern: '^[a-z]+$' }),
});

/** The error loading `env` raises; any other outcome fails the test. */
function configErrorOf(env: Record<string, string>): ConfigError {
  try {
    loadConfig(TestConfig, env);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('loadConfig accepted the environment');
}

describe('loadConfig', () => {
  describe('when no variable is set', () => {
    it('fills every default', () => {
      expect(loadConfig(TestConfig, {})).toEqual({
        LOG_LEVEL: 'info',
        PORT: 8000,
        RATE: 0.5,
        METRICS: false,
        NAME: 'errand',
      });
    });
  });

  describe('when variables are set', () => {
    it('converts numbers and booleans from their strings', () => {
      const config = loadConfig(TestConfig, {
        PORT: '9000',
        RATE: '0.25',
        METRICS: 'true',
        LOG_FILE: '/var/log/errand.log',
      });

      expect(config).toMatchObject({
        PORT: 9000,
        RATE: 0.25,
        METRICS: true,
        LOG_FILE: '/var/log/errand.log',
      });
    });

    it('reads a number written with an exponent whole', () => {
      expect(loadConfig(TestConfig, { PORT: '8e3' }).PORT).toBe(8000);
    });

    it('ignores variables the schema does not list', () => {
      const config = loadConfig(TestConfig, { HOME: '/root', PORT: '81' });

      expect(config).not.toHaveProperty('HOME');
    });
  });

  describe('when a variable is empty', () => {
    it('counts it as unset', () => {
      const config = loadConfig(TestConfig, {
        PORT: '',
        LOG_LEVEL: '',
        LOG_FILE: '',
      });

      expect(config.PORT).toBe(8000);
      expect(config.LOG_LEVEL).toBe('info');
      expect(config).not.toHaveProperty('LOG_FILE');
    });
  });

  describe('when an integer variable is not one', () => {
    it.each(['eighty', '80.5', '80abc', ' ', '0', '70000'])(
      'throws ConfigError naming PORT and the value %j',
      value => {
        const error = configErrorOf({ PORT: value });

        expect(error.code).toBe('config.invalid');
        expect(error.message).toContain('PORT');
        expect(error.message).toContain(`(got "${value}")`);
        expect(error.message).toContain('The HTTP port, 1-65535.');
        expect(error.issues.map(issue => issue.path)).toEqual(['PORT']);
      },
    );
  });

  describe('when a variable that holds a credential is wrong', () => {
    const Secrets = Type.Object({
      REDIS_URL: Type.String({ pattern: '^rediss?://' }),
      SIGNING_KEY: Type.String({ minLength: 44 }),
    });

    it('names it without echoing the credential', () => {
      let message = '';
      try {
        loadConfig(Secrets, {
          REDIS_URL: 'http://:hunter2@cache:6379',
          SIGNING_KEY: 'hunter2',
        });
      } catch (error) {
        message = (error as ConfigError).message;
      }

      expect(message).toContain('REDIS_URL');
      expect(message).toContain('(got "http://:***@cache:6379")');
      expect(message).toContain('SIGNING_KEY');
      expect(message).toContain('(got 7 characters)');
      expect(message).not.toContain('hunter2');
    });
  });

  describe('when several variables are wrong', () => {
    it('reports each of them once', () => {
      const error = configErrorOf({
        PORT: 'x',
        LOG_LEVEL: 'loud',
        NAME: 'Errand!',
      });

      expect(error.issues.map(issue => issue.path).sort()).toEqual([
        'LOG_LEVEL',
        'NAME',
        'PORT',
      ]);
      expect(error.message).toMatch(/^Invalid configuration:\n {2}/);
    });
  });
});

describe('loadDotEnv', () => {
  let dir: string;
  let loadEnvFile: jest.SpyInstance;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'errand-env-'));
    // Node writes the real process.env, which Jest's sandbox does not see,
    // so the test checks which files are handed to Node, and in what order.
    loadEnvFile = jest
      .spyOn(process, 'loadEnvFile')
      .mockImplementation(() => undefined);
  });

  afterEach(() => {
    loadEnvFile.mockRestore();
    rmSync(dir, { recursive: true, force: true });
  });

  /** Creates a file in the temporary folder and returns its path. */
  function envFile(file: string): string {
    const path = join(dir, file);
    writeFileSync(path, 'QUEUE_PREFIX=from-file\n');
    return path;
  }

  it('loads every file that exists, in the order given', () => {
    const first = envFile('.env');
    const second = envFile('stack.env');

    loadDotEnv([first, second]);

    expect(loadEnvFile.mock.calls).toEqual([[first], [second]]);
  });

  it('skips files that do not exist', () => {
    const second = envFile('stack.env');

    loadDotEnv([join(dir, 'missing.env'), second]);

    expect(loadEnvFile.mock.calls).toEqual([[second]]);
  });
});
