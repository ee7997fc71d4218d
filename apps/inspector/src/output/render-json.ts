/**
 * What JSON.stringify leaves raw although a terminal acts on it: DEL and the
 * C1 controls (`\u009b` is an 8-bit escape sequence introducer), the line
 * and paragraph separators and the bidi marks and overrides. C0 controls,
 * line feeds and ESC among them, it already escapes.
 */
const UNESCAPED_CONTROL =
  /[\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/**
 * The `--json` output: one JSON document, two-space indented. Its shapes are
 * the contracts' (`JobView`, `TypeStats`) wrapped in a named field, and are
 * stable for scripts. Control characters inside strings are `\u` escapes,
 * which parse back to the same strings but print nothing a terminal obeys.
 */
export function renderJson(value: unknown): string {
  return JSON.stringify(value, null, 2).replace(
    UNESCAPED_CONTROL,
    char => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}
