import {
  completed,
  discard,
  type Outcome,
  rateLimited,
  retry,
  snooze,
  WEBHOOK_EXCERPT_CHARS,
  type WebhookDeliverResult,
} from '@errand/contracts';
import type { OutboundResponse } from '../outbound/send-outbound';
import { retryAfterMs } from './retry-after';

/**
 * Maps a receiver's answer to an outcome:
 * - 2xx: delivered; the status and a bounded excerpt are the result;
 * - 429 or 503 with `Retry-After`: the receiver asks every sender to slow
 *   down, so the whole type pauses that long on every worker (at most an
 *   hour, no attempt used; docs/flow-control.md);
 * - 408, 429, 5xx otherwise: the receiver may take it later. With a
 *   `Retry-After` the job snoozes that long (at most an hour, no attempt
 *   used: the receiver is pacing us, not failing); without, it retries on
 *   the backoff;
 * - 3xx: discarded, redirects are not followed (a redirect could point the
 *   signed body anywhere, including inside the network);
 * - any other 4xx: discarded, the receiver refuses this delivery.
 */
export function responseOutcome(
  response: OutboundResponse,
  deliveryId: string,
): Outcome<WebhookDeliverResult> {
  const { status } = response;
  const excerpt = response.body
    .toString('utf8')
    .slice(0, WEBHOOK_EXCERPT_CHARS);
  if (status >= 200 && status < 300) {
    return completed({ status, deliveryId, excerpt });
  }
  const answer = `receiver answered ${status}${excerpt ? `: ${excerpt.slice(0, 200)}` : ''}`;
  if (status === 408 || status === 429 || status >= 500) {
    const delayMs = retryAfterMs(response.headers['retry-after']);
    if (delayMs === undefined) return retry(answer);
    const wait = Math.max(delayMs, 1_000);
    return status === 429 || status === 503
      ? rateLimited(wait, `${answer} (Retry-After honoured)`)
      : snooze(wait, `${answer} (Retry-After honoured)`);
  }
  if (status >= 300 && status < 400) {
    return discard(
      `${answer}; redirects are not followed (Location: ${response.headers.location ?? 'none'})`,
    );
  }
  return discard(answer);
}
