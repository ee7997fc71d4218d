import type { RequestHandler } from 'express';
import type { TraceExport } from '@errand/runtime';
import { requestContextOf } from './request-context';

/** `/jobs/<id>`, the Location of an accepted POST /enqueue. */
const JOB_LOCATION = /^\/jobs\/([^/?]+)$/;

/** Probes and scrapes, polled every few seconds: a trace each is noise. */
const UNTRACED = new Set(['/healthz', '/readyz', '/metrics']);

/**
 * Records one span per request, ended when the response is sent, with the
 * ids request-context gave it: the span id every job it enqueues stores,
 * and so the parent of the worker's attempt spans. Mounted right after
 * request-context, and only when export is on.
 */
export function traceExportMiddleware(traces: TraceExport): RequestHandler {
  return (req, res, next) => {
    const context = requestContextOf(res.locals);
    if (!context || UNTRACED.has(req.path)) return next();
    const startMs = Date.now();
    res.once('finish', () => {
      // Known only now: Express sets the matched route on the way in.
      const route = (req.route as { path?: unknown } | undefined)?.path;
      const body = req.body as { type?: unknown } | undefined;
      const location = JOB_LOCATION.exec(res.get('Location') ?? '');
      const path = req.originalUrl.split('?')[0];
      traces.recordSpan({
        name: `${req.method} ${typeof route === 'string' ? route : path}`,
        traceparent: context.traceparent,
        parentSpanId: context.parentSpanId,
        startMs,
        endMs: Date.now(),
        kind: 'server',
        attributes: {
          'http.request.method': req.method,
          'url.path': path,
          ...(typeof route === 'string' && { 'http.route': route }),
          'http.response.status_code': res.statusCode,
          ...(typeof body?.type === 'string' && {
            'errand.job.type': body.type,
          }),
          ...(location && { 'errand.job.id': decodeURIComponent(location[1]) }),
        },
        ...(res.statusCode >= 500 && { error: `HTTP ${res.statusCode}` }),
      });
    });
    next();
  };
}
