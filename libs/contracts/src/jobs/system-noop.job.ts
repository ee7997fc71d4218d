import { Type, type Static } from '@sinclair/typebox';
import { defineJob } from '../catalog/job-definition';

/** Takes nothing. */
const SystemNoopPayload = Type.Object({}, { additionalProperties: false });
type SystemNoopPayload = Static<typeof SystemNoopPayload>;

/** Returns nothing. */
const SystemNoopResult = Type.Object({}, { additionalProperties: false });
type SystemNoopResult = Static<typeof SystemNoopResult>;

/** `system.noop`: does nothing; benchmarks measure the queue with it. */
export const systemNoopJob = defineJob({
  description:
    'Does nothing. Measures the queue itself (benchmarks, smoke tests).',
  payload: SystemNoopPayload,
  result: SystemNoopResult,
  version: 1,
  example: {},
  defaults: { retries: 0, priority: 0, timeoutMs: 5_000 },
});
