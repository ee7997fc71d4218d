import { parseIpAddress, refusalOfAddress } from './public-address';

/**
 * The `outbound-url` string format: a URL a worker may fetch or post to on a
 * client's behalf (webhooks, image and attachment sources).
 *
 * It refuses what can be refused from the text alone, without DNS, so an
 * obviously internal target fails at enqueue with a 400: a scheme other
 * than http(s), credentials in the URL, and a host that is a literal IP
 * address the worker's guard would refuse. Both judge addresses with the
 * same function ({@link refusalOfAddress}), so the API never accepts a job
 * the worker then discards for its address. The WHATWG URL parser has
 * already turned every IPv4 spelling (decimal `2130706433`, hex `0x7f.1`,
 * octal `0177.0.0.1`, short `127.1`) into a dotted quad and every IPv6
 * literal into hex groups. Host names pass: the worker resolves them,
 * checks every address (with its allowlist) and pins the connection. A
 * literal internal address is refused even when a worker allowlists it;
 * name such a target by host name instead.
 *
 * Ports are not judged here: which ones a worker may reach is that
 * worker's configuration (`OUTBOUND_ALLOWED_PORTS`), which a contract
 * shared by the API, the worker and client apps cannot see.
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
  const literal = host.startsWith('[')
    ? host.slice(1, -1)
    : /^\d+\.\d+\.\d+\.\d+$/.test(host)
      ? host
      : undefined;
  if (literal === undefined) return true;
  const address = parseIpAddress(literal);
  return address !== undefined && refusalOfAddress(address) === undefined;
}
