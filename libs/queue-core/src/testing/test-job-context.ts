import type { JobContext, JobType } from '@errand/contracts';

/** A progress report a handler made under {@link testJobContext}. */
export interface ReportedProgress {
  percent: number;
  message?: string;
}

/**
 * A real context for calling a handler directly in a unit test: a live
 * abort signal (a fresh one unless given), first of one attempt, and
 * progress reports collected in `reported`.
 */
export function testJobContext(
  type: JobType,
  overrides: Partial<Omit<JobContext, 'type' | 'reportProgress'>> = {},
): JobContext & { reported: ReportedProgress[] } {
  const reported: ReportedProgress[] = [];
  return {
    jobId: 'job-1',
    attempt: 1,
    maxAttempts: 1,
    signal: new AbortController().signal,
    pass: 1,
    children: async () => [],
    ...overrides,
    type,
    reported,
    reportProgress: async (percent, message) => {
      reported.push(message === undefined ? { percent } : { percent, message });
    },
  };
}
