import http, { type IncomingHttpHeaders } from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import { abortAfter } from './abort-after';
import type { OutboundPolicy } from './outbound-policy';
import {
  resolveTarget,
  type ResolvedTarget,
  type ResolveHost,
} from './resolve-target';

/** One outbound HTTP request, made through the guard. */
export interface OutboundRequest {
  url: string;
  /** @defaultValue `'GET'` */
  method?: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  /** Bytes of the response body kept; the rest is not read. */
  maxBodyBytes: number;
  /** Aborts the request: the job's signal (timeout, shutdown). */
  signal: AbortSignal;
  /** Per-request limit on top of `signal`. */
  timeoutMs: number;
  policy: OutboundPolicy;
  /** @defaultValue the system resolver */
  resolve?: ResolveHost;
}

/** What came back. Redirects are returned as they are, never followed. */
export interface OutboundResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
  /** True when the body was longer than `maxBodyBytes`. */
  truncated: boolean;
}

/** A lookup that answers every name with the address already checked. */
function pinnedLookup({ address, family }: ResolvedTarget): LookupFunction {
  return (_hostname, options, callback) => {
    if (options.all) callback(null, [{ address, family }]);
    else callback(null, address, family);
  };
}

/**
 * Sends one request with Node's own http client: the host is resolved and
 * checked first (see {@link resolveTarget}) and the socket connects to that
 * address, while the Host header and TLS server name stay the URL's. The
 * response body is read up to `maxBodyBytes`, then the socket is dropped.
 * Rejects on network errors, timeouts and aborts; any status resolves.
 */
export async function sendOutbound(
  request: OutboundRequest,
): Promise<OutboundResponse> {
  const url = new URL(request.url);
  const target = await resolveTarget(url, request.policy, request.resolve);
  const deadline = abortAfter(request.signal, request.timeoutMs);
  try {
    return await send(url, target, request, deadline.signal);
  } finally {
    deadline.clear();
  }
}

/** The request itself, on the checked address, until `signal` aborts. */
function send(
  url: URL,
  target: ResolvedTarget,
  request: OutboundRequest,
  signal: AbortSignal,
): Promise<OutboundResponse> {
  signal.throwIfAborted();
  const client = url.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const outgoing = client.request(
      url,
      {
        method: request.method ?? 'GET',
        headers: request.headers,
        lookup: pinnedLookup(target),
        signal,
        agent: false,
      },
      response => {
        const chunks: Buffer[] = [];
        let size = 0;
        const finish = (truncated: boolean) => {
          resolve({
            status: response.statusCode ?? 0,
            headers: response.headers,
            body: Buffer.concat(chunks).subarray(0, request.maxBodyBytes),
            truncated,
          });
        };
        response.on('data', (chunk: Buffer) => {
          chunks.push(chunk);
          size += chunk.length;
          if (size > request.maxBodyBytes) {
            finish(true);
            response.destroy();
          }
        });
        response.on('end', () => finish(false));
        response.on('error', reject);
      },
    );
    outgoing.on('error', error =>
      reject(signal.aborted ? (signal.reason ?? error) : error),
    );
    outgoing.end(request.body);
  });
}
