import { Type, type Static } from '@sinclair/typebox';
import { defineJob } from '../catalog/job-definition';
import { sensitive } from '../catalog/sensitive';

/** Longest response excerpt kept in the result, in characters. */
export const WEBHOOK_EXCERPT_CHARS = 1_024;

/**
 * One webhook delivery: `body` as JSON to `url`, signed with `secret`. The
 * receiver verifies `Errand-Signature` (see docs/job-types.md, "Webhooks").
 */
const WebhookDeliverPayload = Type.Object(
  {
    url: Type.String({ format: 'outbound-url' }),
    method: Type.Optional(
      Type.Union([
        Type.Literal('POST'),
        Type.Literal('PUT'),
        Type.Literal('PATCH'),
      ]),
    ),
    body: Type.Unknown({ description: 'Any JSON value; sent as JSON.' }),
    // Signs each delivery; whoever holds it can forge deliveries.
    secret: sensitive(Type.String({ minLength: 16, maxLength: 256 })),
    headers: Type.Optional(
      Type.Record(
        Type.RegExp(/^[A-Za-z0-9-]{1,64}$/),
        Type.String({ maxLength: 1_024 }),
        { maxProperties: 20, additionalProperties: false },
      ),
    ),
    timeoutMs: Type.Optional(Type.Integer({ minimum: 100, maximum: 30_000 })),
  },
  { additionalProperties: false },
);
type WebhookDeliverPayload = Static<typeof WebhookDeliverPayload>;

/** The receiver's 2xx answer: status and the start of its body. */
export const WebhookDeliverResult = Type.Object(
  {
    status: Type.Integer(),
    deliveryId: Type.String(),
    excerpt: Type.String({ maxLength: WEBHOOK_EXCERPT_CHARS }),
  },
  { additionalProperties: false },
);
export type WebhookDeliverResult = Static<typeof WebhookDeliverResult>;

/** `webhook.deliver`: posts one signed JSON event to a receiver. */
export const webhookDeliverJob = defineJob({
  description:
    'Delivers one signed JSON webhook (HMAC-SHA256 over timestamp and body); redirects are not followed.',
  payload: WebhookDeliverPayload,
  result: WebhookDeliverResult,
  version: 1,
  example: {
    url: 'https://example.com/hooks/errand',
    body: { event: 'order.paid', orderId: 'o_123' },
    secret: 'whsec_0123456789abcdef',
  },
  defaults: { retries: 8, priority: 0, timeoutMs: 40_000 },
});
