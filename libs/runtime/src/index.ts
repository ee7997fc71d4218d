export { ConfigError } from './config/config-error';
export {
  loadConfig,
  loadDotEnv,
  LOCAL_STACK_ENV,
  type Environment,
} from './config/load-config';
export {
  createLogger,
  createSilentLogger,
  type Logger,
  type LoggerOptions,
} from './logging/create-logger';
export { LoggingConfig } from './logging/logging-config';
export { resolveLogFormat, type LogFormat } from './logging/log-format';
export { escapeControl, escapeControlLines } from './logging/escape-control';
export { maskSecrets, redactValue } from './logging/redact-secrets';
export { registerProcessMetrics } from './metrics/process-metrics';
export { bootService } from './process/boot-service';
export { onShutdownSignal } from './process/on-shutdown-signal';
export { reportStartupFailure } from './process/report-startup-failure';
export {
  startTraceExport,
  type FinishedSpan,
  type TraceExport,
  type TraceExportOptions,
} from './tracing/start-trace-export';
export {
  TraceExportConfig,
  tracesEndpointFrom,
} from './tracing/trace-export-config';
export {
  childTraceparent,
  newTraceparent,
  parseTraceparent,
  traceIdOf,
  TRACEPARENT_HEADER,
  type TraceContext,
} from './tracing/traceparent';
