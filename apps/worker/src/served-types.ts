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

/**
 * `WORKER_CONCURRENCY_PER_TYPE` (`image.resize:2,email.send:50`): how many
 * jobs of each named type run at once, overriding `WORKER_CONCURRENCY` for
 * them, so one pool runs many cheap jobs beside few heavy ones. A type this
 * worker does not serve is a mistake worth refusing.
 */
export function concurrencyPerType(
  list: string | undefined,
  served: readonly JobType[],
): Partial<Record<JobType, number>> {
  const byType: Partial<Record<JobType, number>> = {};
  if (!list) return byType;
  const fail = (message: string): never => {
    throw new ConfigError([{ path: 'WORKER_CONCURRENCY_PER_TYPE', message }]);
  };
  for (const entry of list.split(',')) {
    const [name = '', count = ''] = entry.trim().split(':');
    let type: JobType;
    try {
      type = parseJobType(name);
    } catch (error) {
      return fail(error instanceof Error ? error.message : String(error));
    }
    if (!served.includes(type)) {
      fail(`${type} is not among the types this worker serves.`);
    }
    const concurrency = Number(count);
    if (
      !Number.isInteger(concurrency) ||
      concurrency < 1 ||
      concurrency > 1_000
    ) {
      fail(`${type}: "${count}" is not a whole number from 1 to 1000.`);
    }
    byType[type] = concurrency;
  }
  return byType;
}
