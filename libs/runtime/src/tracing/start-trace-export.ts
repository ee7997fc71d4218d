import {
  ROOT_CONTEXT,
  SpanKind,
  SpanStatusCode,
  trace,
  type Attributes,
} from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import {
  BasicTracerProvider,
  BatchSpanProcessor,
  type IdGenerator,
} from '@opentelemetry/sdk-trace-base';

/** One finished span, in Errand's own W3C ids. */
interface FinishedSpan {
  name: string;
  /** The span's own `traceparent`: `00-<trace id>-<span id>-<flags>`. */
  traceparent: string;
  /** The caller's span, when the span continues one. */
  parentSpanId?: string;
  startMs: number;
  endMs: number;
  attributes: Attributes;
  error?: string;
  kind?: 'server' | 'consumer';
}

/** Records finished spans; a no-op when export is off. */
export interface TraceExport {
  readonly enabled: boolean;
  recordSpan(span: FinishedSpan): void;
  /** Sends what is buffered and stops; for the shutdown handler. */
  shutdown(): Promise<void>;
}

export interface TraceExportOptions {
  serviceName: string;
  /** The OTLP/HTTP traces URL (see tracesEndpointFrom); unset: off. */
  endpoint?: string;
}

const OFF: TraceExport = {
  enabled: false,
  recordSpan: () => undefined,
  shutdown: () => Promise.resolve(),
};

const FORMAT = /^00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$/;

/**
 * Exports spans over OTLP/HTTP (JSON), in batches, with exactly the trace
 * and span ids Errand already made and logged, so a trace id found in a
 * log line finds the same trace in the backend. The SDK's tracer makes the
 * span (resource, limits, batching and the wire format are its business);
 * the ids come in through an id generator that hands out the ids of the
 * span being recorded, and the parent through a remote span context.
 * Without an endpoint nothing is started: recording is a no-op.
 */
export function startTraceExport({
  serviceName,
  endpoint,
}: TraceExportOptions): TraceExport {
  if (!endpoint) return OFF;
  // recordSpan is synchronous: startSpan reads these right away.
  let nextTraceId = '';
  let nextSpanId = '';
  const ids: IdGenerator = {
    generateTraceId: () => nextTraceId,
    generateSpanId: () => nextSpanId,
  };
  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes({ 'service.name': serviceName }),
    idGenerator: ids,
    spanProcessors: [
      new BatchSpanProcessor(new OTLPTraceExporter({ url: endpoint })),
    ],
  });
  const tracer = provider.getTracer('errand');
  return {
    enabled: true,
    recordSpan(span) {
      const own = FORMAT.exec(span.traceparent);
      if (!own) return;
      const [, traceId, spanId, flags] = own;
      const traceFlags = parseInt(flags, 16);
      nextTraceId = traceId;
      nextSpanId = spanId;
      // A root span samples by its own flags, a child by its parent's:
      // the remote parent carries the same flags either way.
      const parent = span.parentSpanId
        ? trace.setSpanContext(ROOT_CONTEXT, {
            traceId,
            spanId: span.parentSpanId,
            traceFlags,
            isRemote: true,
          })
        : ROOT_CONTEXT;
      const started = tracer.startSpan(
        span.name,
        {
          startTime: span.startMs,
          attributes: span.attributes,
          kind: span.kind === 'consumer' ? SpanKind.CONSUMER : SpanKind.SERVER,
          root: !span.parentSpanId,
        },
        parent,
      );
      if (span.error !== undefined) {
        started.setStatus({ code: SpanStatusCode.ERROR, message: span.error });
      }
      started.end(span.endMs);
    },
    shutdown: () => provider.shutdown(),
  };
}
