import type { Job } from 'bullmq';
import {
  mapSensitive,
  REDACTED,
  sensitivePayloadSchemaOf,
} from '@errand/contracts';
import { reopenParentOf } from '../../store/flow/reopen-parent';
import { recordEvent } from '../../store/history/job-history';
import type { JobEnvelope } from '../../store/job-envelope';
import type { JobStore } from '../../store/job-store';

/** How a dead job goes back, and what its history says about it. */
export interface Requeue {
  /** Who sent it back: an operator, an API key's name, a tool. */
  by: string;
  /** The merge patch applied to its payload, as the request gave it. */
  patch?: unknown;
  /** Its new data, when a patch changed the payload. */
  envelope?: JobEnvelope;
}

/**
 * A patch fit for the job's history: the values of fields the type marks
 * sensitive read `[redacted]`; a `null` (a field removed) stays `null`.
 */
function redactPatch(type: string, patch: unknown): unknown {
  const schema = sensitivePayloadSchemaOf(type);
  return schema
    ? mapSensitive(schema, patch, value => (value === null ? null : REDACTED))
    : patch;
}

/**
 * Moves a dead job back to its queue: same id, same history, the attempt
 * counters reset so it gets its full retry budget again; a patched payload
 * is written first, so no worker can run the old one. The replay is then
 * recorded on the job (`replayed`, with `by` and the redacted patch),
 * stamped with the time it moved. Recording is best effort: the job has
 * moved either way.
 */
export async function requeueDeadJob(
  queues: JobStore,
  job: Job<JobEnvelope>,
  { by, patch, envelope }: Requeue,
): Promise<void> {
  if (envelope) await queues.runWithDeadline(() => job.updateData(envelope));
  // A flow parent its death failed waits for it again (docs/flows.md).
  await queues.runWithDeadline(() => reopenParentOf(queues, job));
  const at = new Date().toISOString();
  await queues.runWithDeadline(() =>
    job.retry('failed', {
      resetAttemptsMade: true,
      resetAttemptsStarted: true,
    }),
  );
  await queues
    .runWithDeadline(() =>
      recordEvent(job, {
        at,
        event: 'replayed',
        by,
        ...(patch !== undefined && { patch: redactPatch(job.name, patch) }),
      }),
    )
    .catch(() => undefined);
}
