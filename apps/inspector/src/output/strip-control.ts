import { escapeControl, escapeControlLines } from '@errand/runtime';

/**
 * Job data fit for one table cell or one line: control characters (line
 * feeds, ESC, C1, line separators, bidi overrides) written as escapes by
 * the same function the pretty log format uses, so job data can neither
 * start a line of its own nor command the operator's terminal.
 */
export function oneLine(text: string): string {
  return escapeControl(text);
}

/**
 * A message that may run over several lines (a configuration error lists
 * one variable a line) for the start of a line: each line escaped, every
 * line after the first indented by two spaces, so a line feed in what the
 * message quotes (an id, a stored value) cannot start a line of its own.
 */
export function indentedLines(text: string): string {
  return escapeControlLines(text).join('\n  ');
}
