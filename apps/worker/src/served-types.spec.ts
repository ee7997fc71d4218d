import { jobTypes } from '@errand/contracts';
import { ConfigError } from '@errand/runtime';
import { concurrencyPerType, servedTypes } from './served-types';

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

describe('concurrencyPerType', () => {
  it('is empty when unset: every type takes WORKER_CONCURRENCY', () => {
    expect(concurrencyPerType(undefined, jobTypes)).toEqual({});
  });

  it('reads type:count pairs', () => {
    expect(
      concurrencyPerType('image.resize:2, email.send:50', jobTypes),
    ).toEqual({ 'image.resize': 2, 'email.send': 50 });
  });

  it.each([
    ['image.resize:0', /not a whole number from 1 to 1000/],
    ['image.resize:two', /not a whole number/],
    ['nope.nothing:3', /nope\.nothing/],
    ['pdf.render:2', /pdf\.render is not among the types this worker serves/],
  ])('refuses %s, naming the variable', (list, message) => {
    const error = (() => {
      try {
        concurrencyPerType(list, ['image.resize', 'email.send']);
      } catch (e) {
        return e;
      }
      return undefined;
    })();

    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).issues).toEqual([
      {
        path: 'WORKER_CONCURRENCY_PER_TYPE',
        message: expect.stringMatching(message),
      },
    ]);
  });
});
