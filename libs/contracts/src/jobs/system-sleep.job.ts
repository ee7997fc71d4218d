import { Type, type Static } from '@sinclair/typebox';
import { defineJob } from '../catalog/job-definition';

/** How long to sleep, at most ten minutes. */
const SystemSleepPayload = Type.Object(
  { ms: Type.Integer({ minimum: 0, maximum: 600_000 }) },
  { additionalProperties: false },
);
type SystemSleepPayload = Static<typeof SystemSleepPayload>;

/** How long the job really slept. */
const SystemSleepResult = Type.Object(
  {
    sleptMs: Type.Integer({ minimum: 0 }),
    startedAt: Type.Optional(
      Type.Integer({
        minimum: 0,
        description:
          'When the sleep began, in ms since the epoch: flow-control tests read when each job really ran.',
      }),
    ),
  },
  { additionalProperties: false },
);
type SystemSleepResult = Static<typeof SystemSleepResult>;

/** `system.sleep`: holds a worker slot; used by shutdown and fault tests. */
export const systemSleepJob = defineJob({
  description:
    'Sleeps for `ms` milliseconds, then succeeds. Stands in for slow work.',
  payload: SystemSleepPayload,
  result: SystemSleepResult,
  version: 1,
  example: { ms: 100 },
  defaults: { retries: 0, priority: 0, timeoutMs: 660_000 },
});
