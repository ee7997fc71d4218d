import type { JobStore } from '../../store/job-store';
import type { FoundJob } from '../../store/find-job';
import type { JobEnvelope } from '../../store/job-envelope';
import { keyHeldKey, keySlotsKey } from '../../store/keys';
import { readFlowState } from '../limits/read-flow-state';
import type { JobFacts } from './explain-job';

const UNITS: [number, string][] = [
  [1_000, 's'],
  [60_000, 'm'],
  [3_600_000, 'h'],
];

/** The flow facts `inspector why` reads: the type's limits now, and the job's key. */
export async function readFlowFacts(
  queues: JobStore,
  { job, type }: FoundJob,
): Promise<Pick<JobFacts, 'flow' | 'heldByKey'>> {
  const state = await queues.runWithDeadline(() =>
    readFlowState(queues, type, queues.limitDefaults),
  );
  const rate = state.limits.rateLimit;
  const unit = rate && UNITS.find(([ms]) => ms === rate.durationMs);
  const flow = {
    rate: rate
      ? unit
        ? `${rate.max}/${unit[1]}`
        : `${rate.max}/${rate.durationMs}ms`
      : null,
    maxConcurrent: state.limits.maxConcurrent,
    pausedUntil: state.pausedUntil ? Date.parse(state.pausedUntil) : null,
  };
  const key = (job.data as JobEnvelope | undefined)?.concurrencyKey;
  if (!key) return { flow };
  const [held, running] = await queues.runWithDeadline(() =>
    Promise.all([
      queues.connection.lpos(
        keyHeldKey(queues.naming, type, key),
        job.id ?? '',
      ),
      // Leases not lapsed, as the job's view counts them (store/limits/job-hold.ts).
      queues.connection.zcount(
        keySlotsKey(queues.naming, type, key),
        Date.now(),
        '+inf',
      ),
    ]),
  );
  return held === null
    ? { flow }
    : {
        flow,
        heldByKey: { key, running, cap: state.limits.perKeyConcurrency },
      };
}
