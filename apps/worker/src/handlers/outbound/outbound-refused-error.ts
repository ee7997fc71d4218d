/**
 * An outbound request that can never succeed as asked, so retrying is
 * pointless and handlers discard the job: the guard refused the target (a
 * scheme other than http(s), credentials in the URL, a host that is or
 * resolves to an address outside the public unicast ranges and the
 * allowlist), or a source answered a redirect or a 4xx, or is over its
 * size limit, or the payload gave both or neither of its two sources.
 */
export class OutboundRefusedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OutboundRefusedError';
  }
}
