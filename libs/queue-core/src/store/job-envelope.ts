/**
 * What a job stores as its BullMQ `data`. The payload sits in an envelope so
 * that metadata can sit beside it without touching what the handler sees.
 */
export interface JobEnvelope {
  payload: unknown;
  /**
   * The contract version the payload was written at. Jobs stored before
   * versions existed have none and count as version 1.
   */
  version?: number;
  /**
   * The name of the API key that enqueued the job, so that a producer key
   * reads only its own jobs. None when the API runs without keys.
   */
  owner?: string;
  /**
   * The W3C `traceparent` of the request that enqueued the job, so its
   * trace continues in the worker (see @errand/runtime, tracing/traceparent.ts).
   */
  traceparent?: string;
  /**
   * The alias the job was asked for under (`send_email`), when not its
   * catalog type; the job itself is stored and run under the catalog type.
   */
  requestedType?: string;
}
