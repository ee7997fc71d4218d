import { ErrandError } from '../errors/errand-error';
import { parseTasksRequest } from './parse-tasks-request';

/** The error `body` raises; any other outcome fails the test. */
function errorOf(body: unknown): ErrandError {
  try {
    parseTasksRequest(body);
  } catch (error) {
    if (error instanceof ErrandError) return error;
    throw error;
  }
  throw new Error('parseTasksRequest accepted the body');
}

describe('parseTasksRequest', () => {
  it('maps task_type, max_retries and priority onto the enqueue request', () => {
    const body = JSON.parse(
      '{"task_type":"email","payload":{"to":"user@example.com","subject":"Hello"},"max_retries":3,"priority":10}',
    );

    expect(parseTasksRequest(body)).toEqual({
      type: 'email.send',
      requestedType: 'email',
      payload: { to: 'user@example.com', subject: 'Hello' },
      retries: 3,
      priority: 10,
    });
  });

  it('leaves out the options the body leaves out', () => {
    expect(
      parseTasksRequest({ task_type: 'system.noop', payload: {} }),
    ).toEqual({ type: 'system.noop', payload: {} });
  });

  describe('when the body is wrong', () => {
    it('names max_retries, not retries', () => {
      const error = errorOf({
        task_type: 'email',
        payload: {},
        max_retries: 99,
      });

      expect(error.code).toBe('contract.invalidRequest');
      expect(error.issues.map(i => i.path)).toEqual(['/max_retries']);
    });

    it('names task_type for an unknown type', () => {
      const error = errorOf({ task_type: 'nope', payload: {} });

      expect(error.code).toBe('contract.unknownJobType');
      expect(error.issues.map(i => i.path)).toEqual(['/task_type']);
    });

    it('names the payload field', () => {
      const error = errorOf({
        task_type: 'email',
        payload: { to: 'user@example.com' },
      });

      expect(error.code).toBe('contract.invalidPayload');
      expect(error.issues.map(i => i.path)).toEqual(['/payload/subject']);
    });

    it('refuses a field of the canonical body', () => {
      const error = errorOf({ task_type: 'email', payload: {}, retries: 1 });

      expect(error.issues.map(i => i.path)).toEqual(['/retries']);
    });
  });
});
