import { startTraceExport } from './start-trace-export';
import { tracesEndpointFrom } from './trace-export-config';

describe('startTraceExport', () => {
  it('starts nothing without an endpoint', async () => {
    const traces = startTraceExport({ serviceName: 'errand-api' });
    expect(traces.enabled).toBe(false);
    traces.recordSpan({
      name: 'POST /enqueue',
      traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01',
      startMs: 1,
      endMs: 2,
      attributes: {},
    });
    await expect(traces.shutdown()).resolves.toBeUndefined();
  });

  it('is on with an endpoint', async () => {
    const traces = startTraceExport({
      serviceName: 'errand-api',
      endpoint: 'http://127.0.0.1:1/v1/traces',
    });
    expect(traces.enabled).toBe(true);
    await traces.shutdown();
  });
});

describe('tracesEndpointFrom', () => {
  it('is off when neither variable is set', () => {
    expect(tracesEndpointFrom({})).toBeUndefined();
  });

  it('appends /v1/traces to the base endpoint', () => {
    expect(
      tracesEndpointFrom({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://otel:4318/' }),
    ).toBe('http://otel:4318/v1/traces');
  });

  it('takes the traces endpoint as is', () => {
    expect(
      tracesEndpointFrom({
        OTEL_EXPORTER_OTLP_ENDPOINT: 'http://otel:4318',
        OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://traces:9/x',
      }),
    ).toBe('http://traces:9/x');
  });
});
