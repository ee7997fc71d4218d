import type { Redis } from 'ioredis';
import { QueueUnavailableError } from '../errors/queue-unavailable-error';
import { isCluster } from './open-redis';

/**
 * Resolves once the connection is ready. A connection still making its first
 * connect is waited for; one that is down (reconnecting, closed) fails at
 * once, so callers answer "unavailable" without waiting.
 */
function whenReady(connection: Redis): Promise<void> {
  if (connection.status === 'ready') return Promise.resolve();
  if (!['wait', 'connecting', 'connect'].includes(connection.status)) {
    return Promise.reject(notConnected(connection));
  }
  return new Promise((resolve, reject) => {
    const onReady = () => settle(resolve);
    const onDown = () => settle(() => reject(notConnected(connection)));
    const settle = (done: () => void) => {
      connection.off('ready', onReady);
      connection.off('reconnecting', onDown);
      connection.off('end', onDown);
      done();
    };
    connection.once('ready', onReady);
    connection.once('reconnecting', onDown);
    connection.once('end', onDown);
  });
}

function notConnected(connection: Redis): QueueUnavailableError {
  return new QueueUnavailableError(
    `not connected (${connection.status}); try again shortly`,
  );
}

/**
 * Runs `operation` and turns "Redis is not there" into a
 * {@link QueueUnavailableError}: when the connection is down, when the
 * operation takes longer than `deadlineMs` (first connect included), or when
 * it fails because the connection dropped. Any other error passes through
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
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(
          new QueueUnavailableError(
            `no answer within ${deadlineMs} ms (${connection.status})`,
          ),
        ),
      deadlineMs,
    );
  });
  try {
    return await Promise.race([
      whenReady(connection).then(operation),
      deadline,
    ]);
  } catch (error) {
    if (error instanceof QueueUnavailableError) throw error;
    // Just after a socket dies, ioredis may still say `ready`; a socket that
    // no longer writes tells the truth sooner. A cluster client has no
    // socket of its own: its status is all there is.
    const socketDead = !isCluster(connection) && !connection.stream?.writable;
    if (connection.status !== 'ready' || socketDead) {
      throw new QueueUnavailableError(
        `the connection dropped (${connection.status}); try again shortly`,
        { cause: error },
      );
    }
    throw error;
  } finally {
    clearTimeout(timer);
  }
}
