/**
 * The `outbound-url` string format: a URL a worker may fetch or post to on a
 * client's behalf (webhooks, image and attachment sources).
 *
 * Why a pure function here and not the worker's guard: contracts import only
 * TypeBox and run in the API, the worker and client apps alike, so this check
 * must be dependency-free and must not touch DNS. It refuses what can be
 * refused from the text alone, so an obviously internal target fails at
 * enqueue with a 400: a scheme other than http(s), credentials in the URL,
 * and a host that is a literal IP address outside the public unicast ranges.
 * The WHATWG URL parser has already turned every IPv4 spelling (decimal
 * `2130706433`, hex `0x7f.1`, octal `0177.0.0.1`, short `127.1`) into dotted
 * quads and every IPv6 literal into hex groups, so only those two forms need
 * reading here. Host names pass: the worker resolves them, checks every
 * address (with its allowlist) and pins the connection, and discards the job
 * when they point inside. A literal internal address is refused even when a
 * worker allowlists it; name such a target by host name instead.
 */
export function isOutboundUrl(value: string): boolean {
  if (value.length > 2_048) return false;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return false;
  if (url.username !== '' || url.password !== '') return false;
  const host = url.hostname;
  if (host === '') return false;
  if (host.startsWith('[')) return isPublicIpv6(host.slice(1, -1));
  const ipv4 = parseIpv4(host);
  return ipv4 === undefined ? true : isPublicIpv4(ipv4);
}

/** A dotted quad as a 32-bit number, or undefined for anything else. */
function parseIpv4(host: string): number | undefined {
  const match = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(host);
  if (!match) return undefined;
  const octets = match.slice(1).map(Number);
  if (octets.some(octet => octet > 255)) return undefined;
  return octets.reduce((sum, octet) => sum * 256 + octet, 0);
}

// [first address, prefix length] of each IPv4 block that is not public
// unicast (IANA special-purpose registry, RFC 6890 and successors).
const refusedIpv4: ReadonlyArray<readonly [string, number]> = [
  ['0.0.0.0', 8], // "this network", unspecified
  ['10.0.0.0', 8], // private
  ['100.64.0.0', 10], // carrier-grade NAT (Alibaba's metadata service too)
  ['127.0.0.0', 8], // loopback
  ['169.254.0.0', 16], // link-local, cloud metadata (169.254.169.254)
  ['172.16.0.0', 12], // private
  ['192.0.0.0', 24], // IETF protocol assignments
  ['192.0.2.0', 24], // documentation
  ['192.168.0.0', 16], // private
  ['198.18.0.0', 15], // benchmarking
  ['198.51.100.0', 24], // documentation
  ['203.0.113.0', 24], // documentation
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, broadcast
];
const refusedIpv4Blocks = refusedIpv4.map(([first, bits]) => ({
  first: parseIpv4(first) as number,
  size: 2 ** (32 - bits),
}));

function isPublicIpv4(address: number): boolean {
  return refusedIpv4Blocks.every(
    ({ first, size }) => address < first || address >= first + size,
  );
}

/** Eight 16-bit groups from a WHATWG-serialised IPv6 literal. */
function ipv6Groups(text: string): number[] | undefined {
  const [head, tail, ...rest] = text.split('::');
  if (rest.length > 0) return undefined;
  const split = (part: string | undefined) =>
    part ? part.split(':').map(group => parseInt(group, 16)) : [];
  const left = split(head);
  const right = split(tail);
  const missing = 8 - left.length - right.length;
  if (tail === undefined ? missing !== 0 : missing < 1) return undefined;
  const groups = [...left, ...new Array<number>(missing).fill(0), ...right];
  return groups.every(group => group >= 0 && group <= 0xffff)
    ? groups
    : undefined;
}

/**
 * Public means global unicast (2000::/3) outside the blocks that tunnel or
 * translate to IPv4 or are reserved for documentation; an IPv4-mapped
 * address (::ffff:a.b.c.d) is judged as its IPv4 address. Everything else,
 * loopback, unspecified, unique-local (fc00::/7), link-local, multicast,
 * NAT64, is refused.
 */
function isPublicIpv6(text: string): boolean {
  const groups = ipv6Groups(text);
  if (!groups) return false;
  const [g0, g1] = groups;
  if (groups.slice(0, 5).every(group => group === 0) && groups[5] === 0xffff) {
    return isPublicIpv4(groups[6] * 0x10000 + groups[7]);
  }
  if (g0 < 0x2000 || g0 > 0x3fff) return false;
  if (g0 === 0x2002) return false; // 6to4
  if (g0 === 0x2001 && (g1 === 0 || g1 === 0x0db8)) return false; // Teredo, docs
  return true;
}
