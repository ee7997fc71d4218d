import { QueueUnavailableError } from './errors/queue-unavailable-error';
import type { JobStore } from './job-store';
import { readinessProbeKey } from './keys';

/**
 * Readiness: Redis answers AND takes writes. A SET with a 10 s expiry on a
 * key of ours, so a replica, a full `maxmemory` or a disk error that makes
 * Redis refuse writes (MISCONF) counts as unavailable, not just a dead socket.
 */
export async function probeWritable(queues: JobStore): Promise<void> {
  const key = readinessProbeKey(queues.naming);
  try {
    await queues.runWithDeadline(() =>
      queues.connection.set(key, String(Date.now()), 'PX', 10_000),
    );
  } catch (error) {
    if (error instanceof QueueUnavailableError) throw error;
    throw new QueueUnavailableError(
      `Redis refused a write: ${(error as Error).message}`,
      { cause: error },
    );
  }
}
