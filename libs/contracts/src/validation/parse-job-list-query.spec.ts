import { parseJobListQuery } from './parse-job-list-query';

function rejection(query: unknown) {
  try {
    parseJobListQuery(query);
  } catch (error) {
    return error as { code: string; message: string; issues: unknown[] };
  }
  throw new Error('The query was accepted');
}

describe('parseJobListQuery', () => {
  describe('when the query is empty', () => {
    it('gives the default limit and no filter', () => {
      expect(parseJobListQuery({})).toEqual({ limit: 50 });
    });
  });

  describe('when every parameter is valid', () => {
    it('converts the limit to a number and keeps the rest', () => {
      expect(
        parseJobListQuery({
          status: 'dead',
          type: 'email.send',
          limit: '500',
          cursor: 'abc',
        }),
      ).toEqual({
        status: 'dead',
        type: 'email.send',
        limit: 500,
        cursor: 'abc',
      });
    });
  });

  describe('when a parameter is bad', () => {
    it.each([
      ['limit', { limit: '0' }],
      ['limit', { limit: '501' }],
      ['limit', { limit: 'ten' }],
      ['limit', { limit: '2.5' }],
      ['status', { status: 'done' }],
      ['status', { status: ['dead', 'queued'] }],
      ['cursor', { cursor: '' }],
      ['sort', { sort: 'asc' }],
    ])('answers request.invalidParameter naming %s', (name, query) => {
      const error = rejection(query);

      expect(error.code).toBe('request.invalidParameter');
      expect(error.message).toContain(name);
      expect(error.issues).toEqual([
        expect.objectContaining({ path: `/query/${name}` }),
      ]);
    });

    it('answers contract.unknownJobType naming the known types', () => {
      const error = rejection({ type: 'email.sned' });

      expect(error.code).toBe('contract.unknownJobType');
      expect(error.message).toContain('email.send');
    });
  });
});
