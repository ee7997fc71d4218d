import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import type { OutboundPolicy } from './outbound-policy';
import { OutboundRefusedError } from './outbound-refused-error';

/** Resolves a host name to all its addresses, as `dns.promises.lookup`. */
export type ResolveHost = (
  host: string,
) => Promise<Array<{ address: string; family: number }>>;

/** The system resolver (getaddrinfo: /etc/hosts, then DNS), in its order. */
const systemResolve: ResolveHost = host =>
  lookup(host, { all: true, verbatim: true });

/** A checked address to connect to, in place of the URL's host name. */
export interface ResolvedTarget {
  address: string;
  family: 4 | 6;
}

/**
 * Checks a URL and resolves its host: the scheme must be http(s), the port
 * one the policy allows, and every address the name resolves to must pass
 * the policy (one bad address among good ones refuses the lot: an attacker
 * who controls the zone picks which one a client would use). The caller then connects to the returned address
 * only, so a second, different DNS answer (rebinding) is never used.
 */
export async function resolveTarget(
  url: URL,
  policy: OutboundPolicy,
  resolve: ResolveHost = systemResolve,
): Promise<ResolvedTarget> {
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new OutboundRefusedError(`${url.protocol} URLs are not allowed`);
  }
  if (url.username !== '' || url.password !== '') {
    throw new OutboundRefusedError('URLs with credentials are not allowed');
  }
  // Before any DNS: a refused port never costs a lookup.
  const port = Number(url.port || (url.protocol === 'https:' ? 443 : 80));
  const portRefusal = policy.refusalOfPort(port);
  if (portRefusal) {
    throw new OutboundRefusedError(
      `refused to connect to ${url.host}: ${portRefusal}`,
    );
  }
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  const addresses = isIP(host)
    ? [{ address: host, family: isIP(host) }]
    : await resolve(host);
  if (addresses.length === 0) {
    throw new Error(`${host} resolves to no address`);
  }
  for (const { address } of addresses) {
    const refusal = policy.refusalOf(address);
    if (refusal) {
      throw new OutboundRefusedError(
        `refused to connect to ${url.host}: ${refusal}`,
      );
    }
  }
  const [first] = addresses;
  return { address: first.address, family: first.family === 6 ? 6 : 4 };
}
