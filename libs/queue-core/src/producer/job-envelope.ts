/**
 * What a job stores as its BullMQ `data`. The payload sits in an envelope so
 * that metadata (version, who enqueued it, replays) can be added beside it
 * without touching the payload the handler sees.
 */
export interface JobEnvelope {
  payload: unknown;
}
