import type { OutboundPolicy } from './outbound-policy';
import { OutboundRefusedError } from './outbound-refused-error';
import { sendOutbound } from './send-outbound';

/** Limits for {@link fetchBytes}. */
export interface FetchBytesOptions {
  maxBytes: number;
  signal: AbortSignal;
  policy: OutboundPolicy;
  /** @defaultValue 20 000 */
  timeoutMs?: number;
}

/**
 * GETs a source file (an image, an attachment) through the outbound guard.
 * A refused target, a body over `maxBytes`, a redirect or a 4xx other than
 * 408/429 throw {@link OutboundRefusedError}: retrying cannot help, so the
 * job is discarded. 408, 429, 5xx and network errors throw plain errors,
 * which the job retries.
 */
export async function fetchBytes(
  url: string,
  options: FetchBytesOptions,
): Promise<Buffer> {
  const response = await sendOutbound({
    url,
    maxBodyBytes: options.maxBytes,
    signal: options.signal,
    timeoutMs: options.timeoutMs ?? 20_000,
    policy: options.policy,
  });
  const { status } = response;
  if (status >= 200 && status < 300) {
    if (response.truncated) {
      throw new OutboundRefusedError(
        `${url} is larger than ${options.maxBytes} bytes`,
      );
    }
    return response.body;
  }
  if (status === 408 || status === 429 || status >= 500) {
    throw new Error(`${url} answered ${status}`);
  }
  throw new OutboundRefusedError(
    status >= 300 && status < 400
      ? `${url} answered ${status} (redirects are not followed)`
      : `${url} answered ${status}`,
  );
}
