import { escapeControl } from '@errand/runtime';

/**
 * Job data fit for one table cell or one line: control characters (line
 * feeds, ESC, C1, line separators, bidi overrides) written as escapes by
 * the same function the pretty log format uses, so job data can neither
 * start a line of its own nor command the operator's terminal.
 */
export function oneLine(text: string): string {
  return escapeControl(text);
}
