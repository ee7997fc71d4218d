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
}
