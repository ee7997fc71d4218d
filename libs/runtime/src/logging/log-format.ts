import { inspect } from 'node:util';
import winston from 'winston';

/** How lines look on stdout; the log file always gets JSON. */
export type LogFormat = 'json' | 'pretty';

/** Fields the pretty format prints in its fixed columns, not as `key=value`. */
const COLUMNS = new Set(['level', 'message', 'timestamp', 'service', 'stack']);

/**
 * `LOG_FORMAT` when set; otherwise pretty for a person at a terminal in
 * development, and JSON everywhere else (containers, pipes, files,
 * production), which is what log shippers read.
 */
export function resolveLogFormat(
  setting: LogFormat | undefined,
  isTTY: boolean,
  nodeEnv: string | undefined,
): LogFormat {
  if (setting) return setting;
  return isTTY && nodeEnv !== 'production' ? 'pretty' : 'json';
}

function printValue(value: unknown): string {
  return typeof value === 'string' && !/[\s"=]/.test(value)
    ? value
    : inspect(value, { breakLength: Infinity, depth: 4, colors: false });
}

/**
 * One line a person can scan: time, coloured level, service, message, then
 * the other fields as `key=value`; a stack goes on the lines below.
 */
export function prettyFormat(colors: boolean): winston.Logform.Format {
  const print = winston.format.printf(info => {
    const fields = Object.entries(info)
      .filter(([key, value]) => !COLUMNS.has(key) && value !== undefined)
      .map(([key, value]) => `${key}=${printValue(value)}`);
    const head = [
      String(info['timestamp'] ?? '').slice(11, 23),
      info.level,
      `[${String(info['service'] ?? '')}]`,
      String(info.message),
      ...fields,
    ].join(' ');
    return info['stack'] ? `${head}\n${String(info['stack'])}` : head;
  });
  return colors
    ? winston.format.combine(winston.format.colorize({ level: true }), print)
    : print;
}

/** One JSON object per line. */
export function jsonFormat(): winston.Logform.Format {
  return winston.format.json();
}
