import { redactPayload } from '../validation/redact-payload';
import { issuePaths } from './job-spec-helpers';

const valid = {
  url: 'https://example.com/hooks',
  body: { event: 'order.paid' },
  secret: 'whsec_0123456789abcdef',
};

describe('the webhook.deliver contract', () => {
  it('takes a URL, any JSON body and a secret', () => {
    expect(issuePaths('webhook.deliver', valid)).toEqual([]);
    expect(
      issuePaths('webhook.deliver', {
        ...valid,
        body: [1, 'two', null],
        method: 'PUT',
        headers: { 'X-Tenant': 't1' },
        timeoutMs: 5_000,
      }),
    ).toEqual([]);
  });

  it.each([
    [{ url: 'http://127.0.0.1/hook' }, '/payload/url'],
    [{ url: 'http://[::ffff:10.0.0.1]/' }, '/payload/url'],
    [{ url: 'ftp://example.com/' }, '/payload/url'],
    [{ secret: 'short' }, '/payload/secret'],
    [{ method: 'GET' }, '/payload/method'],
    [{ headers: { 'Bad Header': 'x' } }, '/payload/headers/Bad Header'],
    [{ timeoutMs: 60_000 }, '/payload/timeoutMs'],
  ])('rejects %j at %s', (change, path) => {
    expect(issuePaths('webhook.deliver', { ...valid, ...change })).toContain(
      path,
    );
  });

  it('keeps the secret out of listings', () => {
    expect(redactPayload('webhook.deliver', valid)).toEqual({
      ...valid,
      secret: '[redacted]',
    });
  });
});
