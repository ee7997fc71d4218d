import { discard, type JobHandler } from '@errand/contracts';
import type { OutboundPolicy } from './outbound/outbound-policy';
import { OutboundRefusedError } from './outbound/outbound-refused-error';
import { sendOutbound } from './outbound/send-outbound';
import { responseOutcome } from './webhook/response-outcome';
import { signWebhook, WebhookHeader } from './webhook/sign-webhook';

/** Response bytes read at most; the rest is never downloaded. */
const WEBHOOK_RESPONSE_CAP_BYTES = 64 * 1024;

/** Headers that describe the connection or framing: ours to set, not the payload's. */
const RESERVED_HEADERS = new Set([
  'host',
  'content-length',
  'transfer-encoding',
  'connection',
]);

/** The payload's extra headers, less the ones that would break framing. */
function extraHeaders(headers: Record<string, string> = {}) {
  return Object.fromEntries(
    Object.entries(headers).filter(
      ([name]) => !RESERVED_HEADERS.has(name.toLowerCase()),
    ),
  );
}

/** @defaultValue 10 s, when the payload sets no `timeoutMs` */
const DEFAULT_TIMEOUT_MS = 10_000;

/**
 * `webhook.deliver`: sends the payload's `body` as JSON, signed, to a URL the
 * outbound guard accepts. The delivery id is the job id, the same on every
 * attempt, so a receiver can drop duplicates of a delivery it already took.
 * Network errors and timeouts throw, which retries; a refused target is
 * discarded; statuses map as {@link responseOutcome} says.
 */
export function webhookDeliverHandler(
  policy: OutboundPolicy,
): JobHandler<'webhook.deliver'> {
  return async (payload, context) => {
    const body = JSON.stringify(payload.body ?? null);
    const timestamp = Math.floor(Date.now() / 1_000);
    const headers: Record<string, string> = {
      ...extraHeaders(payload.headers),
      'Content-Type': 'application/json',
      'User-Agent': 'Errand-Webhook/1',
      [WebhookHeader.deliveryId]: context.jobId,
      [WebhookHeader.timestamp]: String(timestamp),
      [WebhookHeader.signature]: signWebhook(payload.secret, timestamp, body),
      // The job's trace continues in the receiver (W3C Trace Context).
      ...(context.traceparent && { traceparent: context.traceparent }),
    };
    try {
      const response = await sendOutbound({
        url: payload.url,
        method: payload.method ?? 'POST',
        headers,
        body,
        maxBodyBytes: WEBHOOK_RESPONSE_CAP_BYTES,
        signal: context.signal,
        timeoutMs: payload.timeoutMs ?? DEFAULT_TIMEOUT_MS,
        policy,
      });
      return responseOutcome(response, context.jobId);
    } catch (error) {
      if (error instanceof OutboundRefusedError) return discard(error.message);
      throw error;
    }
  };
}
