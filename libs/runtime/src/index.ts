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
export { bootService } from './process/boot-service';
export { onShutdownSignal } from './process/on-shutdown-signal';
export { reportStartupFailure } from './process/report-startup-failure';
