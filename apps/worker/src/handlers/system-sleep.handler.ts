import { completed, type JobHandler } from '@errand/contracts';
import { setTimeout as sleep } from 'node:timers/promises';

/** `system.sleep`: holds its slot for `ms`; an abort ends it early. */
export const systemSleepHandler: JobHandler<'system.sleep'> = async (
  payload,
  context,
) => {
  const started = Date.now();
  await sleep(payload.ms, undefined, { signal: context.signal });
  return completed({ sleptMs: Date.now() - started, startedAt: started });
};
