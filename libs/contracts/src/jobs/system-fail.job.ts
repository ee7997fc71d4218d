import { Type, type Static } from '@sinclair/typebox';
import { defineJob } from '../catalog/job-definition';

/** How the job fails: how many attempts, and whether retrying is pointless. */
const SystemFailPayload = Type.Object(
  {
    times: Type.Optional(
      Type.Integer({
        minimum: 1,
        maximum: 100,
        description:
          'Attempts that fail before one succeeds. Left out, every attempt fails.',
      }),
    ),
    permanent: Type.Optional(
      Type.Boolean({
        description:
          'Fail permanently: straight to the dead-letter queue, no retries.',
      }),
    ),
    message: Type.Optional(Type.String({ maxLength: 1_000 })),
  },
  { additionalProperties: false },
);
type SystemFailPayload = Static<typeof SystemFailPayload>;

/** The attempt that finally succeeded. */
const SystemFailResult = Type.Object(
  { succeededOnAttempt: Type.Integer({ minimum: 1 }) },
  { additionalProperties: false },
);
type SystemFailResult = Static<typeof SystemFailResult>;

/** `system.fail`: fails on purpose; exercises retries and the dead-letter queue. */
export const systemFailJob = defineJob({
  description:
    'Fails on purpose: `times` attempts fail (all of them if left out); `permanent` discards at once.',
  payload: SystemFailPayload,
  result: SystemFailResult,
  version: 1,
  example: { times: 2 },
  defaults: { retries: 3, priority: 0, timeoutMs: 5_000 },
});
