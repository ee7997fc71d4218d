import type { Redis } from 'ioredis';
import type { QueueNaming } from './queue-name';
import { cancelChannel } from './keys';

/**
 * Running jobs are cancelled across processes through one Redis pub/sub
 * channel per prefix: the API publishes the job id, and the worker process
 * that runs it (whichever it is) aborts the job's signal. Pub/sub carries no
 * history, which is what we want: a request only matters to a job running
 * at that moment; queued jobs are cancelled by removing them.
 */

/** One cancellation request on the channel. */
export interface CancelRequest {
  id: string;
  /** Who asked: an operator, an API key's name, a tool. */
  by: string;
}

/** Publishes a request; resolves to the number of processes listening. */
export function publishCancel(
  connection: Redis,
  naming: QueueNaming,
  request: CancelRequest,
): Promise<number> {
  return connection.publish(cancelChannel(naming), JSON.stringify(request));
}

/** Reads a message from the channel; anything malformed is ignored. */
export function parseCancelRequest(message: string): CancelRequest | undefined {
  try {
    const value = JSON.parse(message) as Partial<CancelRequest>;
    return typeof value.id === 'string' && typeof value.by === 'string'
      ? { id: value.id, by: value.by }
      : undefined;
  } catch {
    return undefined;
  }
}
