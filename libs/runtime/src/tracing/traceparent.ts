import { randomBytes } from 'node:crypto';

/**
 * W3C Trace Context (https://www.w3.org/TR/trace-context/): the
 * `traceparent` header, `00-<trace id>-<parent span id>-<flags>`, that
 * carries one trace from the HTTP request that enqueued a job to the handler
 * that runs it and the webhooks it sends.
 */
export const TRACEPARENT_HEADER = 'traceparent';

/** The parts of a valid version-00 `traceparent`. */
export interface TraceContext {
  /** 32 lower-case hex digits, not all zero. */
  traceId: string;
  /** 16 lower-case hex digits, not all zero. */
  spanId: string;
  /** 2 hex digits; `01` means sampled. */
  flags: string;
}

const FORMAT = /^00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$/;

/**
 * Reads a `traceparent`; anything malformed (another version, upper case,
 * an all-zero id, extra characters) is undefined, and the caller starts a
 * new trace, as the spec says a receiver must.
 */
export function parseTraceparent(
  header: string | undefined,
): TraceContext | undefined {
  const match = header === undefined ? null : FORMAT.exec(header.trim());
  if (!match) return undefined;
  const [, traceId, spanId, flags] = match;
  if (/^0+$/.test(traceId) || /^0+$/.test(spanId)) return undefined;
  return { traceId, spanId, flags };
}

function formatTraceparent({ traceId, spanId, flags }: TraceContext): string {
  return `00-${traceId}-${spanId}-${flags}`;
}

/**
 * Random bytes drawn from a pool refilled 4 KB at a time: one
 * `randomBytes` call costs microseconds whatever its size, and the worker
 * makes a span id for every attempt (Node's `randomUUID` pools the same
 * way).
 */
const POOL_BYTES = 4_096;
let pool = Buffer.alloc(0);
let offset = 0;

function randomHex(bytes: number): string {
  if (offset + bytes > pool.length) {
    pool = randomBytes(POOL_BYTES);
    offset = 0;
  }
  const hex = pool.toString('hex', offset, offset + bytes);
  offset += bytes;
  return hex;
}

/** A new span id: 8 random bytes (all zero once in 2^64; never seen). */
function newSpanId(): string {
  return randomHex(8);
}

/** A `traceparent` that starts a new, sampled trace. */
export function newTraceparent(): string {
  return formatTraceparent({
    traceId: randomHex(16),
    spanId: newSpanId(),
    flags: '01',
  });
}

/**
 * The `traceparent` for work done on behalf of `parent`: same trace id and
 * flags, a new span id. A missing or malformed parent starts a new trace.
 */
export function childTraceparent(parent: string | undefined): string {
  const context = parseTraceparent(parent);
  return context
    ? formatTraceparent({ ...context, spanId: newSpanId() })
    : newTraceparent();
}

/** The trace id of a `traceparent`, or undefined when it is malformed. */
export function traceIdOf(traceparent: string | undefined): string | undefined {
  return parseTraceparent(traceparent)?.traceId;
}
