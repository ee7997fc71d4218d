import { MissingUpcasterError } from '../errors/missing-upcaster-error';
import { upcastPayload } from './upcast-payload';

describe('upcastPayload', () => {
  const definition = {
    version: 3,
    upcasters: {
      1: (p: unknown) => ({ ...(p as object), v2: true }),
      2: (p: unknown) => ({ ...(p as object), v3: true }),
    },
  };

  it('applies every upcaster from the payload version up, in order', () => {
    expect(upcastPayload('t.x', definition, { a: 1 }, 1)).toEqual({
      a: 1,
      v2: true,
      v3: true,
    });
    expect(upcastPayload('t.x', definition, { a: 1 }, 2)).toEqual({
      a: 1,
      v3: true,
    });
  });

  it('returns a current payload as it is', () => {
    const payload = { a: 1 };
    expect(upcastPayload('t.x', definition, payload, 3)).toBe(payload);
  });

  it('names the type and the missing step when an upcaster is missing', () => {
    const act = () =>
      upcastPayload('t.x', { version: 2, upcasters: {} }, { a: 1 }, 1);
    expect(act).toThrow(MissingUpcasterError);
    expect(act).toThrow(/t\.x contract has no upcaster from version 1 to 2/);
  });
});
