import { toJsonSchema } from '@errand/contracts';
import { Type } from '@sinclair/typebox';
import type { OpenApiCallbacks } from './openapi-object';
import { componentRef } from './schema-names';

const header = (description: string) => ({
  required: true,
  description,
  schema: toJsonSchema(Type.String()),
});

/**
 * The OpenAPI `callbacks` of an operation whose body may name a callback
 * URL at `urlExpression` (a runtime expression, such as
 * `{$request.body#/callback/url}`): the signed `job.ended` event Errand
 * POSTs there when the job ends (docs/http-api.md, "Callbacks").
 */
export function jobEndedCallbacks(urlExpression: string): OpenApiCallbacks {
  return {
    jobEnded: {
      [urlExpression]: {
        post: {
          operationId: 'jobEnded',
          summary: 'The job ended',
          description:
            "Sent once per job when it ends (succeeded, dead or cancelled), as a `webhook.deliver` job: the SSRF guard, retries with backoff (8 retries; 408, 429 and 5xx retried) and the dead-letter queue are the webhook's. Verify `Errand-Signature` (HMAC-SHA256 of `<t>.<raw body>` under `CALLBACK_SIGNING_SECRET`) before trusting the body; `verifyCallbackSignature` in @errand/client and `verify_callback_signature` in errand_client do it.",
          tags: ['jobs'],
          parameters: [
            {
              name: 'Errand-Signature',
              in: 'header',
              ...header(
                '`t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">`.',
              ),
            },
            {
              name: 'Errand-Timestamp',
              in: 'header',
              ...header('Unix seconds when the attempt was signed.'),
            },
            {
              name: 'Errand-Delivery-Id',
              in: 'header',
              ...header(
                "The delivery job's id (the job view's `callback.deliveryJobId`): the same on every attempt, so a receiver can drop repeats.",
              ),
            },
          ],
          requestBody: {
            required: true,
            content: {
              'application/json': { schema: componentRef('CallbackEvent') },
            },
          },
          responses: {
            '2XX': {
              description:
                'Taken. Any other answer (or none within 10 s) is retried, or discarded for 3xx and other 4xx.',
            },
          },
        },
      },
    },
  };
}
