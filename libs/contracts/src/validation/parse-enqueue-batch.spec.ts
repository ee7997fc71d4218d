import { ContractViolationError } from '../errors/contract-violation-error';
import { MAX_BATCH_JOBS } from '../http/enqueue-batch';
import { parseEnqueueBatch } from './parse-enqueue-batch';

const welcome = {
  type: 'email.send',
  payload: { to: 'user@example.com', subject: 'Welcome!' },
  retries: 3,
};
const noop = { type: 'system.noop', payload: {} };

/** The violation `body` raises; any other outcome fails the test. */
function violationOf(body: unknown): ContractViolationError {
  try {
    parseEnqueueBatch(body);
  } catch (error) {
    if (error instanceof ContractViolationError) return error;
    throw error;
  }
  throw new Error('parseEnqueueBatch accepted the body');
}

describe('parseEnqueueBatch', () => {
  describe('when every job matches the contract', () => {
    it('returns the requests in the order given', () => {
      expect(parseEnqueueBatch({ jobs: [welcome, noop, welcome] })).toEqual([
        welcome,
        noop,
        welcome,
      ]);
    });

    it(`accepts ${MAX_BATCH_JOBS} jobs`, () => {
      const jobs = Array.from({ length: MAX_BATCH_JOBS }, () => noop);

      expect(parseEnqueueBatch({ jobs })).toHaveLength(MAX_BATCH_JOBS);
    });
  });

  describe('when the batch itself is malformed', () => {
    it.each([
      ['an empty list', { jobs: [] }, '/jobs'],
      [
        `more than ${MAX_BATCH_JOBS} jobs`,
        { jobs: Array.from({ length: MAX_BATCH_JOBS + 1 }, () => noop) },
        '/jobs',
      ],
      ['jobs that are not a list', { jobs: noop }, '/jobs'],
      ['a property besides jobs', { jobs: [noop], atomic: true }, '/atomic'],
    ])('rejects %s at its path', (_, body, path) => {
      const error = violationOf(body);

      expect(error.code).toBe('contract.invalidRequest');
      expect(error.issues.map(issue => issue.path)).toEqual([path]);
    });

    it.each([null, [noop], 'jobs'])('rejects the body %j', body => {
      expect(violationOf(body).code).toBe('contract.invalidRequest');
    });
  });

  describe('when some jobs break the contract', () => {
    it("lists each bad job's fields under its index, and only those", () => {
      const error = violationOf({
        jobs: [
          welcome,
          { ...welcome, payload: { ...welcome.payload, to: 'nope' } },
          noop,
          { ...noop, retries: 99 },
        ],
      });

      expect(error.issues).toEqual([
        { path: '/jobs/1/payload/to', message: expect.any(String) },
        { path: '/jobs/3/retries', message: expect.any(String) },
      ]);
      expect(error.message).toBe(
        '2 of 4 jobs break the contract; none was stored.',
      );
    });

    it('answers contract.invalidPayload when only payloads are wrong', () => {
      const error = violationOf({
        jobs: [noop, { ...welcome, payload: { to: 'user@example.com' } }],
      });

      expect(error.code).toBe('contract.invalidPayload');
      expect(error.issues).toEqual([
        { path: '/jobs/1/payload/subject', message: expect.any(String) },
      ]);
    });

    it('points an unknown type at its job and names the known types', () => {
      const error = violationOf({ jobs: [noop, { ...noop, type: 'no.such' }] });

      expect(error.code).toBe('contract.invalidRequest');
      expect(error.issues).toEqual([
        {
          path: '/jobs/1/type',
          message: expect.stringContaining('Known types: email.send'),
        },
      ]);
    });

    it('points a job that is not an object at the job itself', () => {
      const error = violationOf({ jobs: [noop, 42] });

      expect(error.issues.map(issue => issue.path)).toEqual(['/jobs/1']);
    });

    it('lists at most 200 issues however many jobs are bad', () => {
      const jobs = Array.from({ length: 300 }, () => ({ type: 'system.noop' }));

      expect(violationOf({ jobs }).issues).toHaveLength(200);
    });
  });
});
