import {
  parseIpAddress,
  refusalOfAddress,
  type IpAddress,
} from '@errand/contracts';
import ipaddr from 'ipaddr.js';

/** Decides which resolved addresses and ports a worker may connect to. */
export interface OutboundPolicy {
  /** Why `address` is refused, or undefined when it may be used. */
  refusalOf(address: string): string | undefined;
  /** Why `port` is refused, or undefined when it may be used. */
  refusalOfPort(port: number): string | undefined;
}

type Cidr = [IpAddress, number];

/**
 * The ports a worker reaches unless `OUTBOUND_ALLOWED_PORTS` says more:
 * web servers only, so a job cannot make the worker talk to Redis (6379),
 * SMTP, SSH or a database on a public address.
 */
const DEFAULT_OUTBOUND_PORTS = '80,443';

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
      if (!entry.includes('/')) {
        const address = parseIpAddress(entry);
        if (address) return [address, address.kind() === 'ipv4' ? 32 : 128];
      }
      const cidr = entry;
      if (!ipaddr.isValidCIDR(cidr)) {
        throw new Error(
          `OUTBOUND_ALLOWLIST: "${entry}" is not an IP address or CIDR block`,
        );
      }
      const [address, bits] = ipaddr.parseCIDR(cidr);
      // A block written as IPv4-mapped (::ffff:10.0.0.0/104) matches the
      // IPv4 addresses it carries, as the addresses it is matched against.
      return address.kind() === 'ipv6' &&
        (address as ipaddr.IPv6).isIPv4MappedAddress() &&
        bits >= 96
        ? [(address as ipaddr.IPv6).toIPv4Address(), bits - 96]
        : [address, bits];
    });
}

/**
 * Parses `OUTBOUND_ALLOWED_PORTS`: comma-separated ports and ranges
 * (`80,443,8000-8099`). Throws on anything else, naming the variable.
 */
export function parseAllowedPorts(list: string): Array<[number, number]> {
  return list
    .split(',')
    .map(entry => entry.trim())
    .filter(entry => entry !== '')
    .map(entry => {
      const match = /^(\d{1,5})(?:-(\d{1,5}))?$/.exec(entry);
      const low = Number(match?.[1]);
      const high = Number(match?.[2] ?? match?.[1]);
      if (!match || low < 1 || high > 65_535 || low > high) {
        throw new Error(
          `OUTBOUND_ALLOWED_PORTS: "${entry}" is not a port or a range of ports (1-65535)`,
        );
      }
      return [low, high];
    });
}

/**
 * The SSRF rule. An address passes when the allowlist names it, or else
 * when it is public by the classification the API's `outbound-url` format
 * uses too ({@link refusalOfAddress}: ipaddr.js `'unicast'`, IPv6 inside
 * 2000::/3, IPv4-mapped and IPv4-compatible addresses judged as the IPv4
 * address they carry). Everything else is refused: loopback, private,
 * link-local (and with it the cloud metadata address 169.254.169.254),
 * carrier-grade NAT, unique-local (fd00:ec2::254), multicast, unspecified,
 * broadcast, reserved and the IPv6 blocks that tunnel to IPv4 (6to4,
 * Teredo, NAT64). Addresses come here already parsed by the resolver or the
 * URL parser, so every textual spelling of an IPv4 address has become one
 * dotted quad. A port passes when `allowedPorts` lists it, whatever the
 * address (the allowlist names hosts, not ports).
 */
export function createOutboundPolicy(
  allowlist?: string,
  allowedPorts: string = DEFAULT_OUTBOUND_PORTS,
): OutboundPolicy {
  const allowed = parseAllowlist(allowlist);
  const ports = parseAllowedPorts(allowedPorts);
  return {
    refusalOf(text) {
      const address = parseIpAddress(text);
      if (!address) return `"${text}" is not an IP address`;
      if (
        allowed.some(
          ([block, bits]) =>
            block.kind() === address.kind() &&
            address.match(block as never, bits),
        )
      ) {
        return undefined;
      }
      return refusalOfAddress(address);
    },
    refusalOfPort(port) {
      return ports.some(([low, high]) => port >= low && port <= high)
        ? undefined
        : `port ${port} is not allowed (OUTBOUND_ALLOWED_PORTS: ${allowedPorts})`;
    },
  };
}
