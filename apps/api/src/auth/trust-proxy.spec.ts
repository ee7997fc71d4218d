import { trustProxyFrom } from './trust-proxy';

describe('trustProxyFrom', () => {
  it.each([
    [undefined, false],
    ['', false],
    ['false', false],
    ['true', true],
    ['1', 1],
    [' 2 ', 2],
    ['loopback', 'loopback'],
    ['10.0.0.0/8, loopback', '10.0.0.0/8, loopback'],
  ])('reads %j as %j', (text, setting) => {
    expect(trustProxyFrom(text)).toEqual(setting);
  });
});
