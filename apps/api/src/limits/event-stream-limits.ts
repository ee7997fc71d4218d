/**
 * How many `GET /jobs/:id/events` streams may be open in one API process,
 * and for how long each; `main.ts` reads them from EVENT_STREAMS_PER_KEY,
 * EVENT_STREAMS_PER_PROCESS and EVENT_STREAM_MAX_MS.
 */
export interface EventStreamLimits {
  /** Open streams per API key (per address without keys). @defaultValue 20 */
  perKey?: number;
  /** Open streams in the process, all keys together. @defaultValue 500 */
  perProcess?: number;
  /**
   * How long a stream stays open at most; then it sends `retry:` and
   * closes, and an EventSource reconnects with `Last-Event-ID`.
   * @defaultValue 15 min
   */
  maxLifetimeMs?: number;
}

/** The default of {@link EventStreamLimits.perKey}. */
export const DEFAULT_STREAMS_PER_KEY = 20;
/** The default of {@link EventStreamLimits.perProcess}. */
export const DEFAULT_STREAMS_PER_PROCESS = 500;
/** The default of {@link EventStreamLimits.maxLifetimeMs}. */
export const DEFAULT_STREAM_LIFETIME_MS = 15 * 60_000;
