import { Type } from '@sinclair/typebox';

/**
 * The standard OpenTelemetry variables for exporting spans over OTLP/HTTP;
 * each app adds `OTEL_SERVICE_NAME` with its own default. Both unset: no
 * export, and no exporter is even built.
 */
export const TraceExportConfig = {
  OTEL_EXPORTER_OTLP_ENDPOINT: Type.Optional(
    Type.String({
      pattern: '^https?://',
      description:
        'OTLP/HTTP collector base URL, e.g. http://otel-collector:4318; spans go to <endpoint>/v1/traces (unset: no trace export; see docs/observability.md#tracing).',
    }),
  ),
  OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: Type.Optional(
    Type.String({
      pattern: '^https?://',
      description:
        'Full OTLP/HTTP traces URL, used as is; wins over OTEL_EXPORTER_OTLP_ENDPOINT.',
    }),
  ),
};

/** Where spans go, as the OpenTelemetry spec resolves the two variables. */
export function tracesEndpointFrom(config: {
  OTEL_EXPORTER_OTLP_ENDPOINT?: string;
  OTEL_EXPORTER_OTLP_TRACES_ENDPOINT?: string;
}): string | undefined {
  if (config.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT) {
    return config.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT;
  }
  const base = config.OTEL_EXPORTER_OTLP_ENDPOINT;
  return base ? `${base.replace(/\/+$/, '')}/v1/traces` : undefined;
}
