import type { JobCallback } from '@errand/contracts';

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
  /**
   * The job's concurrency key (a tenant id, say): at most the type's
   * `perKeyConcurrency` jobs with the same key run at once (see
   * docs/flow-control.md).
   */
  concurrencyKey?: string;
  /** In a flow: the node's name among its siblings, when it was given one. */
  nodeName?: string;
  /**
   * In a flow: set on a job that has children, so that a read of the job
   * knows to count them (docs/flows.md); plain jobs pay nothing.
   */
  hasChildren?: true;
  /**
   * Which call of the handler comes next: one more after each
   * `waitForChildren` (worker/wait-for-children.ts). None means 1.
   */
  pass?: number;
  /**
   * Where to POST the job's ending (succeeded, dead or cancelled), as a
   * signed `webhook.deliver` job (store/callback/enqueue-callback.ts).
   */
  callback?: JobCallback;
}
