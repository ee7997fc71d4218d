import { REDACTED, type JobView } from '@errand/contracts';

/** Marks files written by `inspector export`. */
export const EXPORT_FORMAT = 'errand.job-export/1';

/**
 * What `inspector export` writes and `enqueue --from-file` reads: the job
 * as `show --json` gives it (payload redacted, attempts, last error,
 * timeline), under a format tag.
 */
export interface JobExport {
  format: typeof EXPORT_FORMAT;
  exportedAt: string;
  job: JobView;
}

/** JSON pointers of every value in `value` that reads `[redacted]`. */
export function redactedPaths(value: unknown, at = ''): string[] {
  if (value === REDACTED) return [at || '/'];
  if (Array.isArray(value)) {
    return value.flatMap((item, i) => redactedPaths(item, `${at}/${i}`));
  }
  if (typeof value === 'object' && value !== null) {
    return Object.entries(value).flatMap(([key, item]) =>
      redactedPaths(
        item,
        `${at}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`,
      ),
    );
  }
  return [];
}
