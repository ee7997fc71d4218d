import { ErrandError } from '../errors/errand-error';
import { parseDeadLetterQuery } from './parse-dead-letter-query';

function refusal(query: unknown): ErrandError {
  try {
    parseDeadLetterQuery(query);
  } catch (error) {
    if (error instanceof ErrandError) return error;
    throw error;
  }
  throw new Error('expected the query to be refused');
}

describe('parseDeadLetterQuery', () => {
  it('gives 20 jobs of every type when the query is empty', () => {
    expect(parseDeadLetterQuery({})).toEqual({ limit: 20 });
  });

  it('reads the limit from its string, with the type and cursor', () => {
    expect(
      parseDeadLetterQuery({ type: 'system.fail', limit: '5', cursor: 'abc' }),
    ).toEqual({ type: 'system.fail', limit: 5, cursor: 'abc' });
  });

  it.each([
    ['a limit above 100', { limit: '101' }, '/query/limit'],
    ['a limit that is not a number', { limit: 'ten' }, '/query/limit'],
    ['an unknown parameter', { status: 'dead' }, '/query/status'],
  ])('refuses %s, naming the parameter', (_, query, path) => {
    const error = refusal(query);

    expect(error.code).toBe('request.invalidParameter');
    expect(error.issues.map(i => i.path)).toContain(path);
  });

  it('refuses an unknown type, naming the known ones', () => {
    const error = refusal({ type: 'sms.send' });

    expect(error.code).toBe('contract.unknownJobType');
    expect(error.issues).toEqual([
      { path: '/query/type', message: expect.stringContaining('email.send') },
    ]);
  });
});
