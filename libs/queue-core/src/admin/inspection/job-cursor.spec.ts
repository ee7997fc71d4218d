import fc from 'fast-check';
import {
  compareNewestFirst,
  decodeCursor,
  encodeCursor,
  isAfter,
} from './job-cursor';

describe('job cursors', () => {
  it('decode what they encode', () => {
    fc.assert(
      fc.property(fc.nat(), fc.string(), (createdAt, id) => {
        expect(decodeCursor(encodeCursor({ createdAt, id }))).toEqual({
          createdAt,
          id,
        });
      }),
    );
  });

  it('are URL-safe', () => {
    expect(encodeCursor({ createdAt: 1_700_000_000_000, id: '?/+' })).toMatch(
      /^[A-Za-z0-9_-]+$/,
    );
  });

  it.each(['', 'x', Buffer.from('{"a":1}').toString('base64url')])(
    'reject %j naming the cursor parameter',
    cursor => {
      expect(() => decodeCursor(cursor)).toThrow(
        expect.objectContaining({
          code: 'request.invalidParameter',
          issues: [expect.objectContaining({ path: '/query/cursor' })],
        }),
      );
    },
  );
});

describe('compareNewestFirst', () => {
  it('puts newer jobs first, and breaks ties by id, descending', () => {
    const jobs = [
      { createdAt: 1, id: 'b' },
      { createdAt: 2, id: 'a' },
      { createdAt: 1, id: 'c' },
    ];

    expect([...jobs].sort(compareNewestFirst)).toEqual([
      { createdAt: 2, id: 'a' },
      { createdAt: 1, id: 'c' },
      { createdAt: 1, id: 'b' },
    ]);
  });

  it('makes isAfter a strict bound', () => {
    fc.assert(
      fc.property(
        fc.nat(5),
        fc.string(),
        fc.nat(5),
        fc.string(),
        (t1, a, t2, b) => {
          const job = { createdAt: t1, id: a };
          const cursor = { createdAt: t2, id: b };
          expect(isAfter(job, cursor)).toBe(
            compareNewestFirst(job, cursor) > 0,
          );
          expect(isAfter(cursor, cursor)).toBe(false);
        },
      ),
    );
  });
});
