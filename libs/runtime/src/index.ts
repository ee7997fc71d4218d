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
} from './logging/create-logger';
export { LoggingConfig } from './logging/logging-config';
export { escapeControl, escapeControlLines } from './logging/escape-control';
export { registerProcessMetrics } from './metrics/process-metrics';
export { bootService } from './process/boot-service';
export { onShutdownSignal } from './process/on-shutdown-signal';
export { reportStartupFailure } from './process/report-startup-failure';
export {
  startTraceExport,
  type TraceExport,
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
} from './tracing/traceparent';
