import { ContractViolationError } from '../errors/contract-violation-error';
import { parseEnqueueRequest } from './parse-enqueue-request';

describe('a request with a callback', () => {
  const request = (url: string) => ({
    type: 'system.noop',
    payload: {},
    callback: { url },
  });

  it('keeps a public https URL', () => {
    expect(
      parseEnqueueRequest(request('https://example.com/hooks/errand')),
    ).toMatchObject({ callback: { url: 'https://example.com/hooks/errand' } });
  });

  it.each([
    'http://169.254.169.254/latest/meta-data/',
    'http://127.0.0.1:6379/',
    'ftp://example.com/cb',
    'https://user:pass@example.com/cb',
    'not a url',
  ])('refuses %s, naming /callback/url', url => {
    const parse = () => parseEnqueueRequest(request(url));

    expect(parse).toThrow(ContractViolationError);
    expect(parse).toThrow(
      expect.objectContaining({
        issues: [expect.objectContaining({ path: '/callback/url' })],
      }),
    );
  });

  it('refuses fields other than url', () => {
    expect(() =>
      parseEnqueueRequest({
        ...request('https://example.com/cb'),
        callback: { url: 'https://example.com/cb', secret: 'mine' },
      }),
    ).toThrow(ContractViolationError);
  });
});
