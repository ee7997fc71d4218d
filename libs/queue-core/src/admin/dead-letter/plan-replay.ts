import {
  ContractViolationError,
  ErrandError,
  ErrorCode,
  jobCatalog,
  parsePayload,
  upcastPayload,
  type FieldIssue,
  type JobType,
  type SkippedJob,
  type ValidReplayRequest,
} from '@errand/contracts';
import type { JobEnvelope } from '../../store/job-envelope';
import type { JobStore } from '../../store/job-store';
import { EncryptionKeyMissingError } from '../../store/security/encryption-key-missing-error';
import { PayloadDecryptionError } from '../../store/security/payload-cipher';
import {
  clearSensitivePaths,
  sealedPaths,
} from '../../store/security/refuse-clear-sensitive';
import { mergePatch } from './merge-patch';
import { deadQueueOf } from './dead-entries';
import { selectDeadJobs } from './select-dead-jobs';

/** One job a replay will move, with its patched data if any. */
export interface PlannedJob {
  id: string;
  type: JobType;
  /** Its flow shard, for a flow's node on a cluster (store/queue-name.ts). */
  shard?: number;
  /** The data to write before it moves; none when there is no patch. */
  envelope?: JobEnvelope;
}

/** What a replay will do, checked in full before anything moves. */
export interface ReplayPlan {
  jobs: PlannedJob[];
  skipped: SkippedJob[];
  more: boolean;
}

/** At most this many issues are listed, however many jobs break. */
const MAX_ISSUES = 200;
/** Jobs read at once while patching. */
const PARALLEL_READS = 100;

/**
 * The job's data with `patch` applied: the stored payload is opened (when
 * sealed), brought up to the current contract version, patched, checked
 * against the contract (issue paths `/jobs/<id>/payload/...`) and sealed
 * again, in the envelope `enqueueJob` writes.
 */
function patchEnvelope(
  queues: JobStore,
  id: string,
  type: JobType,
  stored: JobEnvelope,
  patch: unknown,
): JobEnvelope {
  const definition = jobCatalog[type];
  const version = stored.version ?? 1;
  const at = `/jobs/${id}/payload`;
  if (version > definition.version) {
    const message = `Written by ${type} v${version}, newer than this API's v${definition.version}`;
    throw new ContractViolationError(ErrorCode.invalidPayload, message, [
      { path: at, message },
    ]);
  }
  // Bound to the job's id: the patched values open only in this job.
  const scope = { type, jobId: id };
  // Sealed values are bound to the rest of the payload too: without the
  // ring to seal them again, any patch would leave them unopenable.
  if (!queues.cipher && sealedPaths(type, stored.payload).length > 0) {
    const clear = clearSensitivePaths(type, patch);
    throw EncryptionKeyMissingError.forSealedPayload(id, clear);
  }
  const opened = queues.cipher
    ? queues.cipher.open(scope, stored.payload)
    : stored.payload;
  const current = upcastPayload(type, definition, opened, version);
  const patched = parsePayload(type, mergePatch(current, patch), at);
  return {
    ...stored,
    payload: queues.cipher ? queues.cipher.seal(scope, patched) : patched,
    version: definition.version,
  };
}

function issuesFor(id: string, error: unknown): FieldIssue[] {
  // A configuration to fix, not a payload: stops the replay as it is.
  if (error instanceof EncryptionKeyMissingError) throw error;
  if (error instanceof ErrandError) {
    return error.issues.length > 0
      ? [...error.issues]
      : [{ path: `/jobs/${id}/payload`, message: error.message }];
  }
  if (error instanceof PayloadDecryptionError) {
    return [{ path: `/jobs/${id}/payload`, message: error.message }];
  }
  throw error;
}

/**
 * Picks the jobs a replay moves and, with a patch, computes every job's
 * patched data. If any job's payload would break its contract, throws one
 * `contract.invalidPayload` error listing each such job's fields
 * (`/jobs/<id>/payload/<field>`), and nothing is moved.
 */
export async function planReplay(
  queues: JobStore,
  { selection, patch }: Pick<ValidReplayRequest, 'selection' | 'patch'>,
): Promise<ReplayPlan> {
  const selected = await selectDeadJobs(queues, selection);
  if (patch === undefined) {
    return {
      jobs: selected.jobs.map(({ id, type, shard }) => ({
        id,
        type,
        ...(shard !== undefined && { shard }),
      })),
      skipped: selected.skipped,
      more: selected.more,
    };
  }
  const jobs: PlannedJob[] = [];
  const skipped = [...selected.skipped];
  const issues: FieldIssue[] = [];
  let broken = 0;
  for (let i = 0; i < selected.jobs.length; i += PARALLEL_READS) {
    const batch = selected.jobs.slice(i, i + PARALLEL_READS);
    const stored = await Promise.all(
      batch.map(entry =>
        queues.runWithDeadline(() =>
          deadQueueOf(queues, entry).getJob(entry.id),
        ),
      ),
    );
    batch.forEach(({ id, type, shard }, j) => {
      const job = stored[j];
      if (!job) {
        skipped.push({
          id,
          code: ErrorCode.jobNotFound,
          message: 'The job was removed before it could be patched.',
        });
        return;
      }
      try {
        const envelope = patchEnvelope(queues, id, type, job.data, patch);
        jobs.push({
          id,
          type,
          ...(shard !== undefined && { shard }),
          envelope,
        });
      } catch (error) {
        broken += 1;
        issues.push(...issuesFor(id, error));
      }
    });
  }
  if (broken > 0) {
    throw new ContractViolationError(
      ErrorCode.invalidPayload,
      `The patch breaks the contract of ${broken} of ${selected.jobs.length} jobs; none was replayed.`,
      issues.slice(0, MAX_ISSUES),
    );
  }
  return { jobs, skipped, more: selected.more };
}
