import { createErrandClient } from './create-errand-client';

describe('createErrandClient', () => {
  it.each(['not a url', 'ftp://127.0.0.1', '/relative'])(
    'refuses %j, which is not an http(s) URL',
    baseUrl => {
      expect(() => createErrandClient({ baseUrl })).toThrow(
        /baseUrl must be an absolute http\(s\) URL/,
      );
    },
  );

  it.each(['http://127.0.0.1:8000/?key=s3cret', 'http://me:s3cret@127.0.0.1'])(
    'refuses %j without repeating its secret',
    baseUrl => {
      const refusal = () => createErrandClient({ baseUrl });

      expect(refusal).toThrow(
        /must not carry a query, fragment or credentials/,
      );
      expect(refusal).not.toThrow(/s3cret/);
    },
  );

  it('refuses a timeout that is not positive', () => {
    expect(() =>
      createErrandClient({ baseUrl: 'http://127.0.0.1', timeoutMs: 0 }),
    ).toThrow(/timeoutMs must be positive/);
  });
});
