import type { JobType } from '../catalog/job-catalog';
import { ContractViolationError } from '../errors/contract-violation-error';
import { UnknownJobTypeError } from '../errors/unknown-job-type-error';
import { parseJobType, parsePayload } from './parse-payload';

/** One valid and one invalid payload per catalog type. */
const examples: [JobType, unknown, unknown, string][] = [
  [
    'email.send',
    { to: 'user@example.com', subject: 'Hi', text: 'Hello', html: '<p>Hi</p>' },
    { to: 'user@example.com' },
    '/subject',
  ],
  ['system.noop', {}, { extra: true }, '/extra'],
  ['system.sleep', { ms: 250 }, { ms: 600_001 }, '/ms'],
  [
    'system.fail',
    { times: 2, permanent: false, message: 'boom' },
    { times: 0 },
    '/times',
  ],
];

describe('parsePayload', () => {
  describe.each(examples)('for %s', (type, valid, invalid, field) => {
    it('returns a payload that matches the contract', () => {
      expect(parsePayload(type, valid)).toEqual(valid);
    });

    it('rejects one that does not, pointing into /payload', () => {
      const act = () => parsePayload(type, invalid);

      expect(act).toThrow(ContractViolationError);
      expect(act).toThrow(
        expect.objectContaining({
          code: 'contract.invalidPayload',
          message: `The payload does not match the ${type} contract.`,
          issues: [{ path: `/payload${field}`, message: expect.any(String) }],
        }),
      );
    });

    it('prefixes issue paths with the given path', () => {
      expect(() => parsePayload(type, invalid, '')).toThrow(
        expect.objectContaining({
          issues: [{ path: field, message: expect.any(String) }],
        }),
      );
    });
  });

  describe('when the payload is not an object', () => {
    it('points at the payload itself', () => {
      expect(() => parsePayload('system.noop', null)).toThrow(
        expect.objectContaining({
          issues: [{ path: '/payload', message: expect.any(String) }],
        }),
      );
    });
  });

  describe('when an email address is malformed', () => {
    it.each(['user', 'user@', '@example.com', 'a b@example.com'])(
      'rejects %j',
      to => {
        expect(() => parsePayload('email.send', { to, subject: 'Hi' })).toThrow(
          ContractViolationError,
        );
      },
    );
  });
});

describe('parseJobType', () => {
  it('returns a catalog type unchanged', () => {
    expect(parseJobType('system.sleep')).toBe('system.sleep');
  });

  it.each(['', 'Email.Send', 'email:send', 'toString', '__proto__'])(
    'rejects %j as unknown',
    type => {
      expect(() => parseJobType(type)).toThrow(UnknownJobTypeError);
    },
  );
});
