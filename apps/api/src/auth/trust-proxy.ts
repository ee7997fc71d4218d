/** What Express's `trust proxy` setting takes. */
export type TrustProxy = boolean | number | string;

/**
 * Reads `TRUST_PROXY` as Express's `trust proxy` setting: `true`/`false`,
 * a number of proxy hops, or a comma-separated list of addresses, subnets
 * or the names `loopback`, `linklocal`, `uniquelocal`. Unset or blank: no
 * proxy is trusted, so `X-Forwarded-For` is ignored and the client address
 * (the failed-authentication limit's key) is the socket's.
 */
export function trustProxyFrom(text: string | undefined): TrustProxy {
  const value = (text ?? '').trim();
  if (!value || value === 'false') return false;
  if (value === 'true') return true;
  return /^\d+$/.test(value) ? Number(value) : value;
}
