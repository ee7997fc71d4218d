import type { Redis } from 'ioredis';
import { QueueUnavailableError } from '../errors/queue-unavailable-error';

/**
 * Runs `operation` and turns "Redis is not there" into a
 * {@link QueueUnavailableError}: when it takes longer than `deadlineMs`, or
 * fails while the connection is not ready. Any other error passes through
 * unchanged, so real bugs are not hidden as outages.
 *
 * A write that misses the deadline may still land afterwards; callers
 * answer "unavailable, try again", never "not done".
 */
export async function withRedisDeadline<T>(
  connection: Redis,
  operation: () => Promise<T>,
  deadlineMs: number,
): Promise<T> {
  if (connection.status === 'end') {
    throw new QueueUnavailableError('the connection is closed');
  }
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(
          new QueueUnavailableError(
            `no answer within ${deadlineMs} ms (connection ${connection.status})`,
          ),
        ),
      deadlineMs,
    );
  });
  try {
    return await Promise.race([operation(), deadline]);
  } catch (error) {
    if (error instanceof QueueUnavailableError) throw error;
    if (connection.status !== 'ready') {
      const reason = error instanceof Error ? error.message : String(error);
      throw new QueueUnavailableError(reason, { cause: error });
    }
    throw error;
  } finally {
    clearTimeout(timer);
  }
}
