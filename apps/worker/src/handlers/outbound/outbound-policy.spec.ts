import {
  createOutboundPolicy,
  parseAllowedPorts,
  parseAllowlist,
} from './outbound-policy';

describe('createOutboundPolicy', () => {
  describe('without an allowlist', () => {
    const policy = createOutboundPolicy();

    it.each(['93.184.215.14', '8.8.8.8', '2606:4700:4700::1111'])(
      'lets the public address %s through',
      address => {
        expect(policy.refusalOf(address)).toBeUndefined();
      },
    );

    it.each([
      ['127.0.0.1', 'loopback'],
      ['10.20.30.40', 'private'],
      ['172.16.0.1', 'private'],
      ['192.168.0.1', 'private'],
      ['169.254.169.254', 'linkLocal'],
      ['100.64.0.1', 'carrierGradeNat'],
      ['0.0.0.0', 'unspecified'],
      ['224.0.0.251', 'multicast'],
      ['255.255.255.255', 'broadcast'],
      ['::1', 'loopback'],
      ['::', 'unspecified'],
      ['fd00:ec2::254', 'uniqueLocal'],
      ['fe80::1', 'linkLocal'],
      ['ff02::1', 'multicast'],
      ['::ffff:127.0.0.1', 'loopback'],
      ['::ffff:a9fe:a9fe', 'linkLocal'],
      ['64:ff9b::a00:1', 'rfc6052'],
      ['2002:a00:1::', '6to4'],
    ])('refuses %s as %s', (address, range) => {
      expect(policy.refusalOf(address)).toMatch(
        new RegExp(`is a ${range} address$`),
      );
    });
  });

  describe('with an allowlist', () => {
    const policy = createOutboundPolicy('127.0.0.1, 10.1.0.0/16, ::1');

    it('lets the listed addresses and blocks through', () => {
      expect(policy.refusalOf('127.0.0.1')).toBeUndefined();
      expect(policy.refusalOf('::ffff:127.0.0.1')).toBeUndefined();
      expect(policy.refusalOf('10.1.200.3')).toBeUndefined();
      expect(policy.refusalOf('::1')).toBeUndefined();
    });

    it('still refuses everything else that is not public', () => {
      expect(policy.refusalOf('127.0.0.2')).toBeDefined();
      expect(policy.refusalOf('10.2.0.1')).toBeDefined();
      expect(policy.refusalOf('169.254.169.254')).toBeDefined();
    });
  });
});

describe('parseAllowlist', () => {
  it('reads bare addresses as single-address blocks', () => {
    expect(
      parseAllowlist('127.0.0.1,::1').map(([a, bits]) => `${a}/${bits}`),
    ).toEqual(['127.0.0.1/32', '::1/128']);
  });

  it.each(['localhost', '10.0.0.0/33', '999.1.1.1'])(
    'refuses %j, naming the variable',
    list => {
      expect(() => parseAllowlist(list)).toThrow(/^OUTBOUND_ALLOWLIST: /);
    },
  );
});

describe('parseAllowedPorts', () => {
  it('reads ports and ranges', () => {
    expect(parseAllowedPorts('80, 443,9000-9099')).toEqual([
      [80, 80],
      [443, 443],
      [9000, 9099],
    ]);
  });

  it.each(['0', '65536', '90-80', 'http', '80-'])(
    'refuses %j, naming the variable',
    list => {
      expect(() => parseAllowedPorts(list)).toThrow(
        /^OUTBOUND_ALLOWED_PORTS: /,
      );
    },
  );
});
