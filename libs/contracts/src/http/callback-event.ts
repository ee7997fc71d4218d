import { Type, type Static } from '@sinclair/typebox';
import { CallbackStatus } from './job-callback';
import { JobView } from './job-view';

/**
 * The body Errand POSTs to a job's callback URL when the job ends, signed
 * as every webhook is (`Errand-Signature`, docs/http-api.md "Callbacks").
 */
export const CallbackEvent = Type.Object(
  {
    event: Type.Literal('job.ended'),
    jobId: Type.String(),
    status: CallbackStatus,
    /**
     * The job's view as it ended, sensitive fields `[redacted]`, without
     * its timeline; a flow's root carries its children's counts.
     */
    job: JobView,
  },
  { additionalProperties: false },
);
export type CallbackEvent = Static<typeof CallbackEvent>;
