import { ErrandError, ErrorCode } from '@errand/contracts';

/**
 * How deep a request body may nest. Payloads are a few levels deep; BullMQ
 * stores a job with `JSON.stringify`, which recurses and overflows the
 * stack at a few thousand levels, so a deeper body would be a 500 (or a job
 * that nothing can read back) instead of a refusal.
 */
export const MAX_JSON_DEPTH = 64;

const QUOTE = 0x22; // "
const BACKSLASH = 0x5c;
const OPEN_ARRAY = 0x5b; // [
const CLOSE_ARRAY = 0x5d;
const OPEN_OBJECT = 0x7b; // {
const CLOSE_OBJECT = 0x7d;

/**
 * The index of the quote that closes the string opened at `open`, or the
 * end of `bytes` when it is never closed. A quote preceded by an odd number
 * of backslashes is escaped and does not close it.
 */
function endOfString(bytes: Uint8Array, open: number): number {
  let quote = open;
  for (;;) {
    quote = bytes.indexOf(QUOTE, quote + 1);
    if (quote < 0) return bytes.length;
    let backslashes = 0;
    while (bytes[quote - 1 - backslashes] === BACKSLASH) backslashes++;
    if (backslashes % 2 === 0) return quote;
  }
}

/**
 * True when the UTF-8 JSON text in `bytes` opens more than `max` arrays or
 * objects inside one another, brackets inside strings not counted.
 *
 * One pass over the bytes, before any parsing, that stops at the first
 * level too deep: 10^6 nested `[` cost what 65 do, where `JSON.parse` of
 * them holds the main thread for hundreds of milliseconds. Strings are
 * skipped with the native `indexOf`. It does not validate: text that is not
 * JSON is the parser's to refuse. UTF-8 only, where no byte of a multi-byte
 * character can look like a bracket, quote or backslash.
 */
export function nestsDeeperThan(bytes: Uint8Array, max: number): boolean {
  let depth = 0;
  for (let i = 0; i < bytes.length; i++) {
    const byte = bytes[i];
    if (byte === QUOTE) {
      i = endOfString(bytes, i);
    } else if (byte === OPEN_ARRAY || byte === OPEN_OBJECT) {
      if (++depth > max) return true;
    } else if (byte === CLOSE_ARRAY || byte === CLOSE_OBJECT) {
      depth--;
    }
  }
  return false;
}

/** The refusal of a body nested deeper than {@link MAX_JSON_DEPTH}. */
export function tooDeepError(): ErrandError {
  return new ErrandError(
    ErrorCode.invalidRequest,
    `The body nests objects and arrays deeper than ${MAX_JSON_DEPTH} levels.`,
  );
}
