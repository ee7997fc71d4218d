import type { Static, TObject } from '@sinclair/typebox';
import { loadConfig, loadDotEnv } from '../config/load-config';
import { createLogger, type Logger } from '../logging/create-logger';

/** The logging variables, as {@link LoggingConfig} declares them. */
interface LoggingSettings {
  LOG_LEVEL?: string;
  LOG_FILE?: string;
  LOG_FORMAT?: 'json' | 'pretty';
}

/**
 * What every long-running app does first: read `.env`, check its
 * configuration (a bad value throws `ConfigError` naming the variable), and
 * make its logger from `LOG_LEVEL`, `LOG_FILE` and `LOG_FORMAT`.
 */
export function bootService<Schema extends TObject>(
  service: string,
  schema: Schema,
): { config: Static<Schema>; logger: Logger } {
  loadDotEnv();
  const config = loadConfig(schema);
  const { LOG_LEVEL, LOG_FILE, LOG_FORMAT } = config as LoggingSettings;
  return {
    config,
    logger: createLogger({
      service,
      level: LOG_LEVEL,
      file: LOG_FILE,
      format: LOG_FORMAT,
    }),
  };
}
