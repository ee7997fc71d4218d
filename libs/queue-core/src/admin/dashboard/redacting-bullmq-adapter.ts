import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import type { Queue } from 'bullmq';
import { redactPayload, type JobType } from '@errand/contracts';
import type { JobEnvelope } from '../../store/job-envelope';

/** A stored envelope with its payload's sensitive fields redacted. */
function redactEnvelope(type: JobType, data: unknown): unknown {
  if (!data || typeof data !== 'object' || !('payload' in data)) return data;
  const envelope = data as JobEnvelope;
  return { ...envelope, payload: redactPayload(type, envelope.payload) };
}

/**
 * Bull Board's BullMQ adapter for one job type's queue, read-only, with
 * sensitive payload fields shown as `[redacted]` wherever the board shows
 * stored data: each job's data (through the board's `data` formatter) and
 * each job scheduler's template (`/api/job-schedulers`), which the board
 * hands out as stored, with no formatter of its own.
 */
export class RedactingBullMQAdapter extends BullMQAdapter {
  constructor(
    queue: Queue,
    private readonly jobType: JobType,
  ) {
    super(queue, {
      readOnlyMode: true,
      allowRetries: false,
      displayName: jobType,
    });
    this.setFormatter('data', data => redactEnvelope(jobType, data));
  }

  override async getJobSchedulers() {
    const schedulers = await super.getJobSchedulers();
    return schedulers.map(scheduler =>
      scheduler.template
        ? {
            ...scheduler,
            template: {
              ...scheduler.template,
              data: redactEnvelope(this.jobType, scheduler.template.data),
            },
          }
        : scheduler,
    );
  }
}
