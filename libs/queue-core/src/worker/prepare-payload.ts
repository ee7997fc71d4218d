import type { Job } from 'bullmq';
import {
  ContractViolationError,
  discard,
  ErrandError,
  ErrorCode,
  type JobType,
  type Outcome,
  parseJobType,
  parsePayloadWith,
  snooze,
  upcastPayload,
} from '@errand/contracts';
import type { JobEnvelope } from '../store/job-envelope';
import {
  PayloadDecryptionError,
  type PayloadCipher,
} from '../store/security/payload-cipher';
import type { CatalogLike } from './catalog-like';

/** How long a job from a newer contract waits before it is offered again. */
const NEWER_VERSION_SNOOZE_MS = 5_000;

function decode(job: Job<JobEnvelope>) {
  const type = parseJobType(job.name);
  const envelope = job.data;
  if (
    typeof envelope !== 'object' ||
    envelope === null ||
    !('payload' in envelope)
  ) {
    throw new ContractViolationError(
      ErrorCode.invalidPayload,
      'The job has no payload envelope.',
      [],
    );
  }
  return {
    type,
    // Sealed values are bound to the job's id (a scheduled run's, to its
    // scheduler): they open only in the job they were sealed for.
    scope: { type, jobId: job.id ?? '' },
    payload: envelope.payload,
    version: envelope.version ?? 1,
  };
}

function describeRejection(error: ErrandError): string {
  const issues = error.issues.map(i => `${i.path || '/'}: ${i.message}`);
  return [error.message, ...issues].join(' ');
}

/**
 * Steps 1–4 of process-job.ts: a payload the handler can trust, or the
 * outcome instead.
 */
export function preparePayload(
  job: Job<JobEnvelope>,
  { catalog, cipher }: { catalog: CatalogLike; cipher?: PayloadCipher },
): { type: JobType; payload: unknown } | Outcome<never> {
  try {
    const { type, scope, payload, version } = decode(job);
    const definition = catalog[type];
    if (version > definition.version) {
      return snooze(
        NEWER_VERSION_SNOOZE_MS,
        `${type} v${version} is newer than this worker's v${definition.version}`,
      );
    }
    const opened = cipher ? cipher.open(scope, payload) : payload;
    const current = upcastPayload(type, definition, opened, version);
    return { type, payload: parsePayloadWith(definition, type, current, '') };
  } catch (error) {
    if (error instanceof ErrandError) return discard(describeRejection(error));
    if (error instanceof PayloadDecryptionError) return discard(error.message);
    throw error;
  }
}
