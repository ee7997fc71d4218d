/**
 * Characters that change what a terminal shows rather than being shown: C0
 * controls (line feed and carriage return among them, which start a new
 * line, and ESC, which starts a sequence that can recolour, move the cursor
 * or rewrite the screen), DEL, C1 controls, the Unicode line and paragraph
 * separators, and the marks and overrides that reorder text (bidi).
 */
const CONTROL =
  // eslint-disable-next-line no-control-regex -- matching them is the point
  /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

function escapeOne(char: string): string {
  const named = NAMED[char];
  if (named) return named;
  const code = char.charCodeAt(0);
  return code <= 0xff
    ? `\\x${code.toString(16).padStart(2, '0')}`
    : `\\u${code.toString(16).padStart(4, '0')}`;
}

/**
 * Text from outside (a job's data, an error a webhook receiver answered, a
 * request path) fit for one line of human-readable output: every control
 * character written as an escape (`\n`, `\r`, `\t`, `\x1b`, `\u2028`), so
 * it can neither start a line that looks like a log record or a field of
 * its own nor send the terminal a command. Everything else is unchanged.
 * Machine output (JSON) needs none of this: its encoding escapes them.
 */
export function escapeControl(text: string): string {
  return text.replace(CONTROL, escapeOne);
}

/**
 * The same for text whose lines are meant (a stack trace, indented JSON):
 * each line escaped, the line feeds between them kept. The caller indents
 * the lines, so none can pass for a line of its own.
 */
export function escapeControlLines(text: string): string[] {
  return text.split('\n').map(escapeControl);
}
