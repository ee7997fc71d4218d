// Python source text: names, literals, comments and line layout at 88
// columns, as the generated modules are written.

/** Python's keywords: a field so named needs the functional TypedDict form. */
export const PYTHON_KEYWORDS = new Set(
  (
    'False None True and as assert async await break class continue def del ' +
    'elif else except finally for from global if import in is lambda ' +
    'nonlocal not or pass raise return try while with yield'
  ).split(' '),
);
export const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;
const WIDTH = 88;

/** `email.send` → `EmailSend`, `attachments` → `Attachments`. */
export function pascalCase(name: string): string {
  return name
    .split(/[^a-zA-Z0-9]+/)
    .filter(Boolean)
    .map(part => part.charAt(0).toUpperCase() + part.slice(1))
    .join('');
}

/** A Python string literal: JSON's escapes are Python's too. */
export function pyString(value: string): string {
  return JSON.stringify(value);
}

/** `#: ` comment lines wrapping `text` at 88 columns, with `indent`. */
export function commentLines(text: string, indent: string): string[] {
  return wrap(text, WIDTH - indent.length - 3).map(l => `${indent}#: ${l}`);
}

/** A docstring wrapped at 88 columns, with `indent`. */
export function docstring(text: string, indent: string): string[] {
  const lines = wrap(text.replace(/"""/g, "'''"), WIDTH - indent.length - 6);
  if (lines.length === 1) return [`${indent}"""${lines[0]}"""`];
  return [
    `${indent}"""${lines[0]}`,
    ...lines.slice(1).map(line => `${indent}${line}`),
    `${indent}"""`,
  ];
}

/**
 * `${indent}${prefix}${expr}` as lines of at most 88 columns where it can:
 * a long `A | B` goes one member a line in parentheses, a long `X[a, b]`
 * one item a line, the way black lays them out.
 */
export function layout(prefix: string, expr: string, indent: string): string[] {
  if (indent.length + prefix.length + expr.length <= WIDTH) {
    return [`${indent}${prefix}${expr}`];
  }
  const inner = `${indent}    `;
  const members = splitTopLevel(expr, ' | ');
  if (members.length > 1) {
    return [
      `${indent}${prefix}(`,
      ...members.map((member, i) => `${inner}${i ? '| ' : ''}${member}`),
      `${indent})`,
    ];
  }
  const open = expr.indexOf('[');
  if (open > 0 && closingOf(expr, open) === expr.length - 1) {
    const items = splitTopLevel(expr.slice(open + 1, -1), ', ');
    const head = `${indent}${prefix}${expr.slice(0, open + 1)}`;
    if (items.length > 1) {
      return [head, ...items.map(item => `${inner}${item},`), `${indent}]`];
    }
    return [head, ...layout('', items[0], inner), `${indent}]`];
  }
  return [`${indent}${prefix}${expr}`];
}

/** `text` split at `separator` outside brackets and string literals. */
function splitTopLevel(text: string, separator: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quoted = false;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (char === '"' && text[i - 1] !== '\\') quoted = !quoted;
    if (quoted) continue;
    if (char === '[' || char === '(') depth++;
    if (char === ']' || char === ')') depth--;
    if (depth === 0 && text.startsWith(separator, i)) {
      parts.push(text.slice(start, i));
      start = i + separator.length;
      i += separator.length - 1;
    }
  }
  return [...parts, text.slice(start)];
}

/** The index of the bracket closing the one at `open`, outside strings. */
function closingOf(text: string, open: number): number {
  let depth = 0;
  let quoted = false;
  for (let i = open; i < text.length; i++) {
    const char = text[i];
    if (char === '"' && text[i - 1] !== '\\') quoted = !quoted;
    if (quoted) continue;
    if (char === '[') depth++;
    if (char === ']' && --depth === 0) return i;
  }
  return -1;
}

function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else {
      line = line ? `${line} ${word}` : word;
    }
  }
  return line ? [...lines, line] : [''];
}
