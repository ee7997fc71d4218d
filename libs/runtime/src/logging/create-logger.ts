import winston from 'winston';
import {
  jsonFormat,
  prettyFormat,
  resolveLogFormat,
  type LogFormat,
} from './log-format';
import { redactSecrets } from './redact-secrets';

/** Where and how much an app logs. */
export interface LoggerOptions {
  /** The app's name, on every line as `service`. */
  service: string;
  /** @defaultValue `'info'` */
  level?: string;
  /** Also append the JSON lines to this file. */
  file?: string;
  /**
   * How stdout lines look. @defaultValue `'pretty'` when stdout is a
   * terminal and `NODE_ENV` is not `production`, `'json'` otherwise
   */
  format?: LogFormat;
}

/** The logger type apps and libs accept. */
export type Logger = winston.Logger;

/**
 * A winston logger that writes one JSON object per line to stdout, the
 * format log shippers read without configuration, and to `file` if given.
 * Every line passes through the secret redaction (redact-secrets.ts)
 * before it is written anywhere. Callers put the request's or the job's
 * fields on their lines themselves: an async-local scope would do it for
 * them, but costs the whole process its promise hooks on Node 20.
 */
export function createLogger({
  service,
  level = 'info',
  file,
  format,
}: LoggerOptions): Logger {
  const stdoutFormat = resolveLogFormat(
    format,
    process.stdout.isTTY === true,
    process.env['NODE_ENV'],
  );
  // Colours for a terminal, or when asked for through a pipe that ends in
  // one (`FORCE_COLOR=1 LOG_FORMAT=pretty npm start`).
  const colors =
    process.stdout.isTTY === true ||
    (process.env['FORCE_COLOR'] ?? '0') !== '0';
  const transports: winston.transport[] = [
    new winston.transports.Console({
      format: stdoutFormat === 'pretty' ? prettyFormat(colors) : jsonFormat(),
    }),
  ];
  if (file) {
    transports.push(
      new winston.transports.File({ filename: file, format: jsonFormat() }),
    );
  }
  const logger: Logger = winston.createLogger({
    level,
    defaultMeta: { service },
    format: winston.format.combine(
      // winston formats every line before its transports drop the ones
      // below their level: drop them first, so a debug line per job costs
      // next to nothing at `info`.
      winston.format(info => logger.isLevelEnabled(info.level) && info)(),
      winston.format.timestamp(),
      winston.format.errors({ stack: true }),
      redactSecrets(),
    ),
    transports,
  });
  return logger;
}

/** A logger that drops everything; for tests that do not assert on logs. */
export function createSilentLogger(): Logger {
  return winston.createLogger({
    silent: true,
    transports: [new winston.transports.Console({ silent: true })],
  });
}
