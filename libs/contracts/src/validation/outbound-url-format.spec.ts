import { isOutboundUrl } from './outbound-url-format';

describe('isOutboundUrl', () => {
  it.each([
    'https://example.com/hooks',
    'http://example.com:8080/a?b=c',
    'https://8.8.8.8/',
    'https://[2606:4700:4700::1111]/',
    'http://[::ffff:8.8.8.8]/',
    'http://localhost:3000/', // a name: the worker resolves and checks it
    'http://hooks.internal/',
  ])('accepts %s', url => {
    expect(isOutboundUrl(url)).toBe(true);
  });

  describe('refuses at enqueue what the text alone shows to be internal', () => {
    it.each([
      'http://127.0.0.1/',
      'http://127.1/',
      'http://2130706433/',
      'http://0x7f000001/',
      'http://0x7f.0.0.1/',
      'http://0177.0.0.1/',
      'http://017700000001/',
      'http://0/',
      'http://0.0.0.0/',
      'http://10.0.0.1/',
      'http://172.16.5.4/',
      'http://172.31.255.255/',
      'http://192.168.1.1/',
      'http://169.254.169.254/latest/meta-data/',
      'http://0xa9fea9fe/',
      'http://100.64.0.1/',
      'http://100.100.100.200/',
      'http://224.0.0.1/',
      'http://255.255.255.255/',
      'http://[::1]/',
      'http://[::]/',
      'http://[0:0:0:0:0:0:0:1]/',
      'http://[::ffff:127.0.0.1]/',
      'http://[::ffff:7f00:1]/',
      'http://[::ffff:169.254.169.254]/',
      'http://[fc00::1]/',
      'http://[fd00:ec2::254]/',
      'http://[fe80::1]/',
      'http://[ff02::1]/',
      'http://[64:ff9b::7f00:1]/',
      'http://[2002:7f00:1::]/',
    ])('%s', url => {
      expect(isOutboundUrl(url)).toBe(false);
    });
  });

  it.each([
    'ftp://example.com/',
    'file:///etc/passwd',
    'gopher://example.com/',
    'javascript:alert(1)',
    'https://user:pass@example.com/',
    'not a url',
    `https://example.com/${'a'.repeat(2_100)}`,
  ])('refuses %s', url => {
    expect(isOutboundUrl(url)).toBe(false);
  });
});
