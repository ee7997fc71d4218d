import { Type, type Static } from '@sinclair/typebox';
import { JobStatus } from '../catalog/job-status';

/**
 * A request's callback: when the job ends (succeeded, dead or cancelled),
 * Errand POSTs a signed {@link CallbackEvent} to `url`, delivered as a
 * `webhook.deliver` job (docs/http-api.md, "Callbacks").
 */
export const JobCallback = Type.Object(
  {
    url: Type.String({
      format: 'outbound-url',
      maxLength: 2_048,
      description:
        'Where the ending is POSTed: http(s), no credentials, not a literal internal address (the SSRF guard of webhook.deliver).',
    }),
  },
  {
    additionalProperties: false,
    description:
      'POST a signed event to `url` when the job ends: succeeded, dead or cancelled.',
  },
);
export type JobCallback = Static<typeof JobCallback>;

/** The endings a callback reports. */
export const CallbackStatus = Type.Union([
  Type.Literal('succeeded'),
  Type.Literal('dead'),
  Type.Literal('cancelled'),
]);
export type CallbackStatus = Static<typeof CallbackStatus>;

/** A job's callback as its view shows it. */
export const JobCallbackView = Type.Object(
  {
    url: Type.String(),
    deliveryJobId: Type.String({
      description:
        'The `webhook.deliver` job that carries the callback once the job has ended; its id is derived from the job id, so one ending sends one callback.',
    }),
    deliveryStatus: Type.Optional(
      Type.Union([JobStatus, Type.Literal('none')], {
        description:
          "That job's status; `none` while the job has not ended (or once the delivery job has passed its retention). On single-job reads only.",
      }),
    ),
  },
  { additionalProperties: false },
);
export type JobCallbackView = Static<typeof JobCallbackView>;
