import { jobTypes } from '../catalog/job-catalog';
import { ContractViolationError } from '../errors/contract-violation-error';
import { UnknownJobTypeError } from '../errors/unknown-job-type-error';
import { parseEnqueueRequest } from './parse-enqueue-request';

const welcome = {
  type: 'email.send',
  payload: { to: 'user@example.com', subject: 'Welcome!' },
  retries: 3,
};

/** The violation `body` raises; any other outcome fails the test. */
function violationOf(body: unknown): ContractViolationError {
  try {
    parseEnqueueRequest(body);
  } catch (error) {
    if (error instanceof ContractViolationError) return error;
    throw error;
  }
  throw new Error('parseEnqueueRequest accepted the body');
}

describe('parseEnqueueRequest', () => {
  describe('when the body matches the contract', () => {
    it('returns the request as given', () => {
      const body = JSON.parse(
        '{"type":"email.send","payload":{"to":"user@example.com","subject":"Welcome!"},"retries":3}',
      );

      expect(parseEnqueueRequest(body)).toEqual(welcome);
    });

    it('accepts every option at its limit', () => {
      const body = { ...welcome, retries: 25, priority: 1_000, delay: 0 };

      expect(parseEnqueueRequest(body)).toEqual(body);
    });

    it('accepts runAt as an ISO 8601 time', () => {
      const body = { ...welcome, runAt: '2030-01-02T03:04:05.000Z' };

      expect(parseEnqueueRequest(body).runAt).toBe('2030-01-02T03:04:05.000Z');
    });
  });

  describe('when the type is not in the catalog', () => {
    it('throws UnknownJobTypeError naming the known types', () => {
      const act = () =>
        parseEnqueueRequest({ ...welcome, type: 'no.such.type' });

      expect(act).toThrow(UnknownJobTypeError);
      expect(act).toThrow(
        expect.objectContaining({
          code: 'contract.unknownJobType',
          type: 'no.such.type',
          knownTypes: jobTypes,
          issues: [{ path: '/type', message: expect.any(String) }],
        }),
      );
      expect(act).toThrow(`Known types: ${jobTypes.join(', ')}.`);
      expect(act).toThrow(/Known types: email\.send, system\.noop/);
    });
  });

  describe('when the payload breaks its type contract', () => {
    it('points at the payload field with contract.invalidPayload', () => {
      const error = violationOf({
        ...welcome,
        payload: { ...welcome.payload, to: 'not-an-email' },
      });

      expect(error.code).toBe('contract.invalidPayload');
      expect(error.issues).toEqual([
        { path: '/payload/to', message: expect.stringContaining('email') },
      ]);
    });
  });

  describe('when the envelope breaks the contract', () => {
    it('rejects more than 25 retries at /retries', () => {
      const error = violationOf({ ...welcome, retries: 26 });

      expect(error.code).toBe('contract.invalidRequest');
      expect(error.issues.map(issue => issue.path)).toEqual(['/retries']);
    });

    it.each([
      ['a negative priority', { priority: -1 }, '/priority'],
      ['a fractional delay', { delay: 1.5 }, '/delay'],
      ['a runAt that is not a time', { runAt: 'tomorrow' }, '/runAt'],
      ['an empty type', { type: '' }, '/type'],
    ])('rejects %s', (_, change, path) => {
      const error = violationOf({ ...welcome, ...change });

      expect(error.code).toBe('contract.invalidRequest');
      expect(error.issues.map(issue => issue.path)).toEqual([path]);
    });

    it('rejects delay and runAt together, pointing at both', () => {
      const error = violationOf({
        ...welcome,
        delay: 1_000,
        runAt: '2030-01-01T00:00:00Z',
      });

      expect(error.code).toBe('contract.invalidRequest');
      expect(error.issues.map(issue => issue.path)).toEqual([
        '/delay',
        '/runAt',
      ]);
    });

    it('rejects a property the contract does not list', () => {
      const error = violationOf({ ...welcome, queue: 'fast' });

      expect(error.code).toBe('contract.invalidRequest');
      expect(error.issues.map(issue => issue.path)).toEqual(['/queue']);
    });

    it('rejects a body without a payload', () => {
      const error = violationOf({ type: 'system.noop' });

      expect(error.issues.map(issue => issue.path)).toEqual(['/payload']);
    });

    it.each([null, 'email.send', 42, [welcome]])(
      'rejects the non-object body %j at the root',
      body => {
        const error = violationOf(body);

        expect(error.code).toBe('contract.invalidRequest');
        expect(error.issues).toEqual([
          { path: '/', message: expect.any(String) },
        ]);
      },
    );

    it('checks the envelope before the type', () => {
      const error = violationOf({
        ...welcome,
        type: 'no.such.type',
        retries: 99,
      });

      expect(error.code).toBe('contract.invalidRequest');
    });
  });
});
