import type { Redis } from 'ioredis';
import { parseCancelRequest } from '../store/cancel-channel';
import { cancelChannel } from '../store/keys';
import type { QueueNaming } from '../store/queue-name';
import type { InFlightJobs } from './in-flight-jobs';

/**
 * Subscribes to cancellation requests (see cancel-channel.ts) on a
 * connection of its own, since a subscribed connection can do nothing else.
 */
export function listenForCancellations(
  connection: Redis,
  naming: QueueNaming,
  inFlight: InFlightJobs,
): Redis {
  const subscriber = connection.duplicate();
  // The main connection reports outages; this one just reconnects.
  subscriber.on('error', () => undefined);
  subscriber.on('message', (_channel: string, message: string) => {
    const request = parseCancelRequest(message);
    if (request) inFlight.cancel(request.id, request.by);
  });
  subscriber.subscribe(cancelChannel(naming)).catch(() => undefined);
  return subscriber;
}
