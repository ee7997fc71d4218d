import { jobTypes, parseJobType, type JobType } from '@errand/contracts';
import { ConfigError } from '@errand/runtime';

/**
 * The job types a worker serves: all of the catalog, or the ones
 * `WORKER_TYPES` lists (so the operational `system.*` types can be left out,
 * or a pool can be given to one type).
 */
export function servedTypes(list: string | undefined): JobType[] {
  if (!list) return jobTypes;
  try {
    return [...new Set(list.split(',').map(parseJobType))];
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new ConfigError([{ path: 'WORKER_TYPES', message }]);
  }
}
