import { jobTypes } from '@errand/contracts';
import { ConfigError } from '@errand/runtime';
import { servedTypes } from './served-types';

describe('servedTypes', () => {
  describe('when WORKER_TYPES is not set', () => {
    it.each([undefined, ''])('serves every catalog type (%p)', list => {
      expect(servedTypes(list)).toEqual(jobTypes);
    });
  });

  describe('when WORKER_TYPES lists types', () => {
    it('serves just those, in the order given', () => {
      expect(servedTypes('system.noop,email.send')).toEqual([
        'system.noop',
        'email.send',
      ]);
    });

    it('serves a type listed twice once', () => {
      expect(servedTypes('email.send,email.send')).toEqual(['email.send']);
    });
  });

  describe('when WORKER_TYPES names an unknown type', () => {
    const attempt = () => servedTypes('email.send,email.sned');

    it('throws a ConfigError', () => {
      expect(attempt).toThrow(ConfigError);
    });

    it('names WORKER_TYPES, the bad type and the known ones', () => {
      let error: unknown;
      try {
        attempt();
      } catch (thrown) {
        error = thrown;
      }

      expect(error).toBeInstanceOf(ConfigError);
      const { code, issues, message } = error as ConfigError;
      expect(code).toBe('config.invalid');
      expect(issues).toEqual([
        {
          path: 'WORKER_TYPES',
          message: expect.stringContaining('email.sned'),
        },
      ]);
      expect(message).toContain('WORKER_TYPES');
      expect(issues[0].message).toContain('email.send');
    });
  });
});
