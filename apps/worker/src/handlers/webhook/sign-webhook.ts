import { createHmac } from 'node:crypto';

/** Header names a receiver reads; stable, public API. */
export const WebhookHeader = {
  deliveryId: 'Errand-Delivery-Id',
  timestamp: 'Errand-Timestamp',
  signature: 'Errand-Signature',
} as const;

/**
 * The signature of one delivery, in the style of Stripe's: HMAC-SHA256 with
 * the endpoint's secret over `<timestamp>.<body>`, hex, as `t=<ts>,v1=<hex>`.
 * Signing the timestamp with the body lets a receiver refuse replays: it
 * recomputes the HMAC over the header's `t` and the raw body, compares in
 * constant time, and rejects a `t` older than its tolerance (say 5 minutes).
 */
export function signWebhook(
  secret: string,
  timestamp: number,
  body: string,
): string {
  const digest = createHmac('sha256', secret)
    .update(`${timestamp}.${body}`)
    .digest('hex');
  return `t=${timestamp},v1=${digest}`;
}
