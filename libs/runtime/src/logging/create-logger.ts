import winston from 'winston';

/** Where and how much an app logs. */
export interface LoggerOptions {
  /** The app's name, on every line as `service`. */
  service: string;
  /** @defaultValue `'info'` */
  level?: string;
  /** Also append the JSON lines to this file. */
  file?: string;
}

/** The logger type apps and libs accept. */
export type Logger = winston.Logger;

/**
 * A winston logger that writes one JSON object per line to stdout, the
 * format log shippers read without configuration, and to `file` if given.
 */
export function createLogger({
  service,
  level = 'info',
  file,
}: LoggerOptions): Logger {
  const transports: winston.transport[] = [new winston.transports.Console()];
  if (file) transports.push(new winston.transports.File({ filename: file }));
  return winston.createLogger({
    level,
    defaultMeta: { service },
    format: winston.format.combine(
      winston.format.timestamp(),
      winston.format.errors({ stack: true }),
      winston.format.json(),
    ),
    transports,
  });
}

/** A logger that drops everything; for tests that do not assert on logs. */
export function createSilentLogger(): Logger {
  return winston.createLogger({
    silent: true,
    transports: [new winston.transports.Console({ silent: true })],
  });
}
