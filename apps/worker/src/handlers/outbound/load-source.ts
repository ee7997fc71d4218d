import { fetchBytes } from './fetch-bytes';
import type { OutboundPolicy } from './outbound-policy';
import { OutboundRefusedError } from './outbound-refused-error';

/**
 * The bytes of a source given either inline (`base64`) or by `url` (fetched
 * through the outbound guard, up to `maxBytes`). Giving both or neither
 * cannot be fixed by retrying: it throws {@link OutboundRefusedError}, as a
 * refused URL does, and the job is discarded.
 */
export async function loadSource(
  source: { url?: string; base64?: string },
  options: { policy: OutboundPolicy; signal: AbortSignal; maxBytes: number },
): Promise<Buffer> {
  const { maxBytes } = options;
  if ((source.url === undefined) === (source.base64 === undefined)) {
    throw new OutboundRefusedError(
      'give exactly one source: a URL or inline base64 bytes',
    );
  }
  if (source.base64 !== undefined) {
    const bytes = Buffer.from(source.base64, 'base64');
    if (bytes.length > maxBytes) {
      throw new OutboundRefusedError(`the source is over ${maxBytes} bytes`);
    }
    return bytes;
  }
  return fetchBytes(source.url as string, { ...options, maxBytes });
}
