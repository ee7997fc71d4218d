/**
 * C0 and C1 control characters, DEL, and the Unicode bidi overrides: in job
 * data they could move the cursor, recolour or rewrite the operator's
 * terminal, or reorder what a line appears to say.
 */
const CONTROL =
  // eslint-disable-next-line no-control-regex -- matching them is the point
  /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;
const NEWLINES = /[\n\t]/g;

/** Job data fit for a terminal: control characters removed, lines kept. */
export function stripControl(text: string): string {
  return text.replace(CONTROL, '');
}

/** Job data fit for one table cell: also newlines and tabs made spaces. */
export function oneLine(text: string): string {
  return stripControl(text).replace(NEWLINES, ' ');
}
