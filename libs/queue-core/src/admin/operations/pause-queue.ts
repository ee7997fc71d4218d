import type { JobType } from '@errand/contracts';
import type { JobStore } from '../../store/job-store';

/** A type's queue and whether its workers take jobs from it. */
export interface QueueState {
  type: JobType;
  paused: boolean;
}

/**
 * Pauses a type's queue: BullMQ marks it paused in Redis, and every worker
 * of that type stops taking new jobs (running ones finish) until it is
 * resumed. Jobs can still be enqueued; they wait. Pausing twice is harmless.
 * Every queue of the type: on a cluster its flow shards' too.
 */
export async function pauseQueue(
  queues: JobStore,
  type: JobType,
): Promise<QueueState> {
  await queues.runWithDeadline(() =>
    Promise.all(queues.queuesOf(type).map(queue => queue.pause())),
  );
  return { type, paused: true };
}

/** Lets the workers of a paused type take its jobs again. */
export async function resumeQueue(
  queues: JobStore,
  type: JobType,
): Promise<QueueState> {
  await queues.runWithDeadline(() =>
    Promise.all(queues.queuesOf(type).map(queue => queue.resume())),
  );
  return { type, paused: false };
}

/** Whether each type's queue is paused, in catalog order. */
export function queueStates(queues: JobStore): Promise<QueueState[]> {
  return queues.runWithDeadline(() =>
    Promise.all(
      queues.all().map(async ({ type, queue }) => ({
        type,
        paused: await queue.isPaused(),
      })),
    ),
  );
}
