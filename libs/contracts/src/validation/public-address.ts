import ipaddr from 'ipaddr.js';

/** A parsed IPv4 or IPv6 address (ipaddr.js). */
export type IpAddress = ipaddr.IPv4 | ipaddr.IPv6;

/**
 * Parses an IP address literal, or undefined when `text` is not one.
 * An IPv6 address that carries an IPv4 address comes back as that IPv4
 * address: IPv4-mapped `::ffff:a.b.c.d` and IPv4-compatible `::a.b.c.d`
 * (`::/96`, deprecated by RFC 4291 but still routed to the IPv4 host by
 * some stacks, so `::7f00:1` is 127.0.0.1). `::` and `::1` stay IPv6: they
 * are the unspecified and loopback addresses, not IPv4 ones.
 */
export function parseIpAddress(text: string): IpAddress | undefined {
  if (!ipaddr.isValid(text)) return undefined;
  const address = ipaddr.parse(text);
  if (address.kind() === 'ipv4') return address;
  const ipv6 = address as ipaddr.IPv6;
  if (ipv6.isIPv4MappedAddress()) return ipv6.toIPv4Address();
  const parts = ipv6.parts;
  const compatible =
    parts.slice(0, 6).every(part => part === 0) &&
    !(parts[6] === 0 && parts[7] < 2);
  if (compatible) {
    return ipaddr.fromByteArray(ipv6.toByteArray().slice(12)) as ipaddr.IPv4;
  }
  return ipv6;
}

// Global unicast (RFC 4291): the only IPv6 block handed out to hosts.
// ipaddr.js calls the rest of the unassigned space (4000::/2, ::/8 outside
// its named blocks) 'unicast' too; nothing a webhook may target lives there.
const globalUnicast = ipaddr.parseCIDR('2000::/3') as [ipaddr.IPv6, number];

/**
 * Why `address` is not a public address a worker may connect to, or
 * undefined when it is. Public means what ipaddr.js classifies as
 * `'unicast'` (it knows the IANA special-purpose registries: loopback,
 * private, link-local and the cloud metadata address, carrier-grade NAT,
 * AS112, AMT, 6to4 and its relay, Teredo, NAT64, ORCHID, benchmarking,
 * documentation, multicast, reserved), and for IPv6 inside 2000::/3. This
 * is the one classification the API's `outbound-url` format and the
 * worker's outbound guard share, so a job accepted at enqueue is never
 * discarded by the worker for its address.
 */
export function refusalOfAddress(address: IpAddress): string | undefined {
  const range = address.range();
  if (range !== 'unicast') return `${address.toString()} is a ${range} address`;
  if (
    address.kind() === 'ipv6' &&
    !(address as ipaddr.IPv6).match(globalUnicast)
  ) {
    return `${address.toString()} is a reserved address`;
  }
  return undefined;
}
