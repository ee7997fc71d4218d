import { ConfigError } from '@errand/runtime';
import { apiKeysFrom } from './access-config';
import { hashApiKey } from './find-api-key';

const entry = `ops:admin:${hashApiKey('a').toString('hex')}`;

/** The ConfigError `run` throws; anything else fails the test. */
function configErrorOf(run: () => unknown): ConfigError {
  try {
    run();
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('no ConfigError');
}

describe('apiKeysFrom', () => {
  describe('without keys', () => {
    it.each([
      'production',
      'Production',
      'PRODUCTION',
      'prod',
      ' Prod ',
      'staging',
      '',
      undefined,
    ])('refuses NODE_ENV=%j, naming API_KEYS', NODE_ENV => {
      const error = configErrorOf(() => apiKeysFrom({ NODE_ENV }));

      expect(error.issues.map(issue => issue.path)).toEqual(['API_KEYS']);
      expect(error.message).toContain('npm run new-api-key');
      expect(error.message).toContain('ALLOW_NO_API_KEYS=true');
    });

    it.each(['development', 'Development', 'TEST', ' test '])(
      'runs open with NODE_ENV=%j',
      NODE_ENV => {
        expect(apiKeysFrom({ NODE_ENV })).toEqual([]);
      },
    );

    it('runs open with ALLOW_NO_API_KEYS=true, whatever NODE_ENV says', () => {
      expect(
        apiKeysFrom({ NODE_ENV: 'production', ALLOW_NO_API_KEYS: true }),
      ).toEqual([]);
      expect(apiKeysFrom({ ALLOW_NO_API_KEYS: true })).toEqual([]);
    });

    it('refuses with ALLOW_NO_API_KEYS=false outside development', () => {
      expect(() =>
        apiKeysFrom({ NODE_ENV: 'prod', ALLOW_NO_API_KEYS: false }),
      ).toThrow(ConfigError);
    });
  });

  describe('with keys', () => {
    it.each(['production', 'Prod', 'development', undefined])(
      'runs with NODE_ENV=%j',
      NODE_ENV => {
        expect(apiKeysFrom({ NODE_ENV, API_KEYS: entry })).toHaveLength(1);
      },
    );
  });
});
