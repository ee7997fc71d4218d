import ipaddr from 'ipaddr.js';

/** Decides which resolved addresses a worker may connect to. */
export interface OutboundPolicy {
  /** Why `address` is refused, or undefined when it may be used. */
  refusalOf(address: string): string | undefined;
}

type Cidr = [ipaddr.IPv4 | ipaddr.IPv6, number];

/**
 * Parses `OUTBOUND_ALLOWLIST`: comma-separated addresses or CIDR blocks
 * (`127.0.0.1`, `10.1.0.0/16`, `::1`). Throws on an entry ipaddr.js does
 * not read, so a typo stops the worker at start-up instead of silently
 * allowing nothing.
 */
export function parseAllowlist(list: string | undefined): Cidr[] {
  if (!list) return [];
  return list
    .split(',')
    .map(entry => entry.trim())
    .filter(entry => entry !== '')
    .map(entry => {
      const cidr = entry.includes('/')
        ? entry
        : `${entry}/${ipaddr.IPv6.isValid(entry) ? 128 : 32}`;
      if (!ipaddr.isValidCIDR(cidr)) {
        throw new Error(
          `OUTBOUND_ALLOWLIST: "${entry}" is not an IP address or CIDR block`,
        );
      }
      const [address, bits] = ipaddr.parseCIDR(cidr);
      return [normalise(address), bits] as Cidr;
    });
}

/** IPv4-mapped IPv6 (::ffff:a.b.c.d) is judged as the IPv4 it carries. */
function normalise(address: ipaddr.IPv4 | ipaddr.IPv6) {
  return address.kind() === 'ipv6' &&
    (address as ipaddr.IPv6).isIPv4MappedAddress()
    ? (address as ipaddr.IPv6).toIPv4Address()
    : address;
}

/**
 * The SSRF rule: only global unicast addresses, as ipaddr.js classifies
 * them (`range() === 'unicast'`), unless the allowlist names the address.
 * Everything else is refused: loopback, private, link-local (and with it the
 * cloud metadata address 169.254.169.254), carrier-grade NAT, unique-local
 * (fd00:ec2::254), multicast, unspecified, broadcast, reserved and the IPv6
 * blocks that tunnel to IPv4 (6to4, Teredo, NAT64). Addresses come here
 * already parsed by the resolver or the URL parser, so every textual
 * spelling of an IPv4 address has become one dotted quad.
 */
export function createOutboundPolicy(allowlist?: string): OutboundPolicy {
  const allowed = parseAllowlist(allowlist);
  return {
    refusalOf(text) {
      if (!ipaddr.isValid(text)) return `"${text}" is not an IP address`;
      const address = normalise(ipaddr.parse(text));
      if (
        allowed.some(
          ([block, bits]) =>
            block.kind() === address.kind() &&
            address.match(block as never, bits),
        )
      ) {
        return undefined;
      }
      const range = address.range();
      return range === 'unicast'
        ? undefined
        : `${address.toString()} is a ${range} address`;
    },
  };
}
