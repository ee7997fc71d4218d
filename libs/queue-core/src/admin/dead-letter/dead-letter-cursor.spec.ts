import { decodeDeadCursor, encodeDeadCursor } from './dead-letter-cursor';

describe('the dead-letter cursor', () => {
  it('reads back the position it was made from', () => {
    const position = {
      diedAt: 1_893_456_000_123,
      id: '0b9c4c5e-8a43-4f7e-9a59-3f0f1c2d3e4f',
    };

    expect(decodeDeadCursor(encodeDeadCursor(position))).toEqual(position);
  });

  it.each(['', 'not-a-cursor', Buffer.from('12:a b').toString('base64url')])(
    'refuses %j, naming the cursor parameter',
    cursor => {
      expect(() => decodeDeadCursor(cursor)).toThrow(
        expect.objectContaining({
          code: 'request.invalidParameter',
          issues: [expect.objectContaining({ path: '/query/cursor' })],
        }),
      );
    },
  );
});
