import type { ErrorCode } from '@errand/contracts';

/**
 * The codes the client raises itself, when no problem came back from the
 * API. Namespaced `client.*` so they never collide with the API's codes.
 */
export const ClientErrorCode = {
  /** The API could not be reached: refused, reset, DNS, TLS. */
  network: 'client.network',
  /** The API did not answer, body included, within `timeoutMs`. */
  timeout: 'client.timeout',
  /** The API (or a proxy before it) answered with something unreadable. */
  unexpectedResponse: 'client.unexpectedResponse',
} as const;

/** One of the {@link ClientErrorCode} values. */
export type ClientErrorCode =
  (typeof ClientErrorCode)[keyof typeof ClientErrorCode];

/** Every code an {@link ErrandClientError} may carry: the API's and ours. */
export type ErrandClientErrorCode = ErrorCode | ClientErrorCode;
