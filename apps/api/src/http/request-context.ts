import {
  childTraceparent,
  type Logger,
  newTraceparent,
  parseTraceparent,
  traceIdOf,
  TRACEPARENT_HEADER,
} from '@errand/runtime';
import { randomUUID } from 'node:crypto';
import type { RequestHandler } from 'express';

/** The header a request id comes in and goes back out on. */
export const REQUEST_ID_HEADER = 'X-Request-Id';

/**
 * An incoming request id we keep: what proxies and clients generate (UUIDs,
 * hex, base64url, dotted ids), short, and nothing a log line could be
 * forged with. Anything else is replaced by a new UUID.
 */
const SANE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** What request-context leaves in `res.locals` for the routes. */
export interface RequestContext {
  requestId: string;
  /** This request's span: the caller's trace, or a new one. */
  traceparent: string;
  /** The caller's span this request continues, if it sent a valid one. */
  parentSpanId?: string;
}

/** The request's id and trace, as set by {@link requestContext}. */
export function requestContextOf(locals: object): RequestContext | undefined {
  return (locals as { context?: RequestContext }).context;
}

/** The fields every line logged about a request carries. */
export function requestLogFields(locals: object): {
  requestId?: string;
  traceId?: string;
} {
  const context = requestContextOf(locals);
  return context
    ? { requestId: context.requestId, traceId: traceIdOf(context.traceparent) }
    : {};
}

/**
 * The first middleware: gives each request an id (the caller's
 * `X-Request-Id` when sane, else a new UUID; echoed back) and a span of the
 * caller's W3C trace (a valid `traceparent`, else a new trace), both kept in
 * `res.locals`: routes pass them on explicitly, the trace to the jobs they
 * enqueue and the fields to the lines they log ({@link requestLogFields}).
 * Not through AsyncLocalStorage: on Node 20 it turns on promise hooks for
 * the whole process, which cost about a quarter of the API's CPU per
 * enqueue (docs/performance.md). Writes one `http`-level line per answered
 * request.
 */
export function requestContext(logger: Logger): RequestHandler {
  return (req, res, next) => {
    const incoming = req.get(REQUEST_ID_HEADER);
    const requestId =
      incoming !== undefined && SANE_REQUEST_ID.test(incoming)
        ? incoming
        : randomUUID();
    const parent = req.get(TRACEPARENT_HEADER);
    const caller = parseTraceparent(parent);
    const traceparent = caller ? childTraceparent(parent) : newTraceparent();
    const traceId = traceIdOf(traceparent);
    const context: RequestContext = {
      requestId,
      traceparent,
      parentSpanId: caller?.spanId,
    };
    (res.locals as { context?: RequestContext }).context = context;
    res.set(REQUEST_ID_HEADER, requestId);
    if (logger.isLevelEnabled('http')) {
      const started = process.hrtime.bigint();
      res.once('finish', () =>
        logger.http('request answered', {
          requestId,
          traceId,
          method: req.method,
          path: req.originalUrl.split('?')[0],
          status: res.statusCode,
          durationMs:
            Math.round(Number(process.hrtime.bigint() - started) / 1e4) / 100,
        }),
      );
    }
    next();
  };
}
