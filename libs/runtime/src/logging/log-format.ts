import { inspect } from 'node:util';
import winston from 'winston';
import { escapeControl, escapeControlLines } from './escape-control';

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

// Text in a pretty line comes from outside too: a request path, an error a
// webhook receiver answered. A line feed in it would start a line that
// reads as a record of its own (`info [worker] job succeeded`), an escape
// sequence would rewrite the terminal: every piece of a record is passed
// through escapeControl, and stack lines are indented under their record.
// `inspect` already escapes C0 and C1 controls in the strings it quotes;
// the line separators and bidi marks it leaves are escaped here.
function printValue(value: unknown): string {
  return escapeControl(
    typeof value === 'string' && !/[\s"=]/.test(value)
      ? value
      : inspect(value, { breakLength: Infinity, depth: 4, colors: false }),
  );
}

/**
 * A stack's lines, escaped. An error's stack starts with its message, line
 * feeds and all: where the message is found there, it is escaped as one
 * piece, so it stays on one line as it does in the record's head.
 */
function stackLines(stack: string, message: string): string[] {
  const at = /[\n\r\u2028\u2029]/.test(message) ? stack.indexOf(message) : -1;
  return escapeControlLines(
    at === -1
      ? stack
      : stack.slice(0, at) +
          escapeControl(message) +
          stack.slice(at + message.length),
  );
}

/**
 * One line a person can scan: time, coloured level, service, message, then
 * the other fields as `key=value`, each with its control characters
 * escaped; a stack goes on the lines below, each indented by two spaces so
 * that no line of it can pass for a record.
 */
export function prettyFormat(colors: boolean): winston.Logform.Format {
  const print = winston.format.printf(info => {
    const fields = Object.entries(info)
      .filter(([key, value]) => !COLUMNS.has(key) && value !== undefined)
      .map(([key, value]) => `${escapeControl(key)}=${printValue(value)}`);
    const head = [
      String(info['timestamp'] ?? '').slice(11, 23),
      info.level,
      `[${escapeControl(String(info['service'] ?? ''))}]`,
      escapeControl(String(info.message)),
      ...fields,
    ].join(' ');
    if (!info['stack']) return head;
    const stack = stackLines(String(info['stack']), String(info.message));
    return [head, ...stack.map(line => `  ${line}`)].join('\n');
  });
  return colors
    ? winston.format.combine(winston.format.colorize({ level: true }), print)
    : print;
}

/** One JSON object per line. */
export function jsonFormat(): winston.Logform.Format {
  return winston.format.json();
}
