import { ContractViolationError } from '../errors/contract-violation-error';
import { UnknownJobTypeError } from '../errors/unknown-job-type-error';
import { parseReplayRequest } from './parse-replay-request';

const id = '0b9c4c5e-8a43-4f7e-9a59-3f0f1c2d3e4f';

function issuesOf(body: unknown) {
  try {
    parseReplayRequest(body);
  } catch (error) {
    if (error instanceof ContractViolationError) return error.issues;
    throw error;
  }
  throw new Error('expected the body to be refused');
}

describe('parseReplayRequest', () => {
  describe('when the body lists ids', () => {
    it('selects them, at 50 jobs/s, for real', () => {
      expect(parseReplayRequest({ ids: [id] })).toEqual({
        selection: { ids: [id] },
        dryRun: false,
        rate: 50,
      });
    });

    it('keeps the patch, dry run and rate it sets', () => {
      expect(
        parseReplayRequest({
          ids: [id],
          patch: { subject: 'Hi' },
          dryRun: true,
          rate: 10,
        }),
      ).toEqual({
        selection: { ids: [id] },
        patch: { subject: 'Hi' },
        dryRun: true,
        rate: 10,
      });
    });

    it('keeps a null patch, which RFC 7386 reads as "replace with null"', () => {
      expect(parseReplayRequest({ ids: [id], patch: null }).patch).toBeNull();
    });
  });

  describe('when the body is a filter', () => {
    it('selects by type, since and error text', () => {
      const since = '2030-01-01T00:00:00.000Z';

      expect(
        parseReplayRequest({
          type: 'system.fail',
          since,
          errorContains: 'ECONNREFUSED',
        }).selection,
      ).toEqual({ type: 'system.fail', since, errorContains: 'ECONNREFUSED' });
    });

    it('refuses an unknown type, naming the known ones', () => {
      expect(() => parseReplayRequest({ type: 'sms.send' })).toThrow(
        UnknownJobTypeError,
      );
    });

    it('refuses a filter without a type', () => {
      expect(issuesOf({ errorContains: 'x' })).toEqual([
        { path: '/type', message: expect.stringContaining('Give ids') },
      ]);
    });
  });

  it('refuses ids and a filter together, naming both', () => {
    expect(
      issuesOf({ ids: [id], type: 'system.fail' }).map(i => i.path),
    ).toEqual(['/ids', '/type']);
  });

  it('refuses a body that picks nothing', () => {
    expect(issuesOf({ dryRun: true })).toEqual([
      { path: '/', message: expect.stringContaining('Give ids') },
    ]);
  });

  it.each([
    ['a rate above 1 000', { ids: [id], rate: 1_001 }, '/rate'],
    ['a rate of 0', { ids: [id], rate: 0 }, '/rate'],
    ['no ids at all', { ids: [] }, '/ids'],
    ['the same id twice', { ids: [id, id] }, '/ids'],
    [
      'a since that is not a time',
      { type: 'system.fail', since: 'x' },
      '/since',
    ],
    ['an unknown field', { ids: [id], force: true }, '/force'],
  ])('refuses %s, naming the field', (_, body, path) => {
    expect(issuesOf(body).map(i => i.path)).toContain(path);
  });
});
