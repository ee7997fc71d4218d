import { maskSecrets, redactValue } from './redact-secrets';

describe('maskSecrets', () => {
  it.each([
    ['redis://:secret@host:6379', 'redis://:***@host:6379'],
    ['rediss://user:secret@host/2', 'rediss://user:***@host/2'],
    ['smtp://me:p%40ss@mail:587', 'smtp://me:***@mail:587'],
    ['Authorization: Bearer abc.def-ghi', 'Authorization: Bearer ***'],
  ])('masks %s', (input, masked) => {
    expect(maskSecrets(input)).toBe(masked);
  });

  it.each([
    'redis://host:6379',
    'redis://127.0.0.1:6379/0',
    'mail to user@example.com',
  ])('leaves %s as it is', text => {
    expect(maskSecrets(text)).toBe(text);
  });
});

describe('redactValue', () => {
  it('redacts secret-named fields at any depth, whatever their case', () => {
    expect(
      redactValue({
        Authorization: 'Bearer x',
        api_key: 'k',
        nested: { refreshToken: 't', items: [{ PASSWORD: 'p', id: 1 }] },
        keep: 'me',
      }),
    ).toEqual({
      Authorization: '[redacted]',
      api_key: '[redacted]',
      nested: {
        refreshToken: '[redacted]',
        items: [{ PASSWORD: '[redacted]', id: 1 }],
      },
      keep: 'me',
    });
  });

  it('stops at a depth limit instead of following a cycle', () => {
    const cycle: Record<string, unknown> = {};
    cycle['self'] = cycle;

    expect(JSON.stringify(redactValue(cycle))).toContain('[too deep]');
  });
});
