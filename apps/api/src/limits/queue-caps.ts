import { isJobType, type JobType } from '@errand/contracts';
import { ConfigError } from '@errand/runtime';

/**
 * Reads `QUEUE_CAPS`, a JSON object of per-type caps such as
 * `{"email.send": 5000}`; a bad value is a {@link ConfigError} naming it.
 */
export function parseQueueCaps(
  text: string | undefined,
): Partial<Record<JobType, number>> {
  if (!text) return {};
  const fail = (message: string): never => {
    throw new ConfigError([{ path: 'QUEUE_CAPS', message }]);
  };
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return fail('not JSON; use e.g. {"email.send": 5000}');
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
    return fail('use a JSON object, e.g. {"email.send": 5000}');
  }
  const caps: Partial<Record<JobType, number>> = {};
  for (const [type, cap] of Object.entries(parsed)) {
    if (!isJobType(type)) fail(`"${type}" is not a job type`);
    if (!Number.isInteger(cap) || (cap as number) < 1) {
      fail(`the cap of "${type}" must be a whole number of at least 1`);
    }
    caps[type as JobType] = cap as number;
  }
  return caps;
}
