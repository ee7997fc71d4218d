import { ClientErrorCode } from '../errors/client-error-code';
import { ErrandClientError } from '../errors/errand-client-error';
import { readProblem } from './read-problem';

/** Where and how every request of one client goes. */
export interface Transport {
  /** The API's root, without a trailing slash. */
  baseUrl: string;
  apiKey: string | undefined;
  fetch: typeof globalThis.fetch;
  timeoutMs: number;
}

/** One call to the API. */
export interface ApiRequest {
  method: 'GET' | 'POST';
  /** From the API's root, starting with `/`. */
  path: string;
  /** Sent as JSON when present. */
  body?: unknown;
  /** Extra request headers, such as `Idempotency-Key`. */
  headers?: Readonly<Record<string, string>>;
}

/**
 * Sends one request and resolves with its JSON answer. Rejects with an
 * {@link ErrandClientError} for every failure: the API's problem, or a
 * `client.*` code when no readable answer came back in time. The answer is
 * trusted to match the API's contract; it is not validated here.
 *
 * 1. build headers: JSON, and the API key as a bearer token (never in the
 *    URL, where proxies and access logs would keep it)
 * 2. fetch and read the body under one deadline
 * 3. 2xx with JSON → the value; anything else → the problem as an error
 */
export async function sendRequest<T>(
  transport: Transport,
  { method, path, body, headers: extra }: ApiRequest,
): Promise<T> {
  const headers: Record<string, string> = {
    ...extra,
    accept: 'application/json, application/problem+json',
  };
  if (transport.apiKey) headers.authorization = `Bearer ${transport.apiKey}`;
  if (body !== undefined) headers['content-type'] = 'application/json';

  let status: number;
  let text: string;
  try {
    const response = await transport.fetch(transport.baseUrl + path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(transport.timeoutMs),
    });
    status = response.status;
    text = await response.text();
  } catch (error) {
    throw transportError(error, transport, `${method} ${path}`);
  }

  const json = parseJson(text);
  if (status >= 200 && status < 300 && json.ok) return json.value as T;
  throw readProblem(status, json.ok ? json.value : text);
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

/** A failure before a whole answer arrived: timed out or unreachable. */
function transportError(
  error: unknown,
  transport: Transport,
  call: string,
): ErrandClientError {
  // AbortSignal.timeout aborts with a DOMException named TimeoutError.
  if ((error as { name?: unknown })?.name === 'TimeoutError') {
    return new ErrandClientError(
      ClientErrorCode.timeout,
      `The Errand API did not answer ${call} within ${transport.timeoutMs} ms.`,
      { cause: error },
    );
  }
  // fetch reports "fetch failed" and keeps the reason (ECONNREFUSED, ...)
  // in its cause.
  const reason = (error as { cause?: { message?: string } })?.cause?.message;
  const message = reason ?? (error as Error)?.message ?? String(error);
  return new ErrandClientError(
    ClientErrorCode.network,
    `Could not reach the Errand API at ${transport.baseUrl} (${call}): ${message}`,
    { cause: error },
  );
}
