import { redactPayload, REDACTED } from '@errand/contracts';
import winston from 'winston';

/**
 * Field names whose values are credentials wherever they appear: HTTP
 * headers (`authorization`, `cookie`), API keys, passwords, secrets,
 * tokens. Matched on the whole name, case and separators ignored.
 */
const SECRET_NAME =
  /^(authorization|proxyauthorization|cookie|setcookie|password|passwd|secret|token|apikey|xapikey|accesstoken|refreshtoken|clientsecret|privatekey)$/;

// Every mask runs on every logged string, some of them a client's (a request
// path at LOG_LEVEL=http), so each must cost time linear in its input. A
// regex is quadratic when many start positions each rescan the same long
// run: the old `\b[a-z][a-z0-9+.-]*:\/\/` rescanned `/a.a.a…` from every
// `a` (62 ms for 16 KiB, issue 15). Here a match can only start at `://`,
// and the scheme before it is checked looking back at most 32 characters;
// the user part then stops at the first `:` (which it cannot contain) and
// the password at the next `/`, `@` or blank, and the `/` of the next
// `://` ends it, so no two starts scan the same characters.

/** `scheme://user:password@` in any string: the password part. */
const URL_PASSWORD =
  /:\/\/(?<=\b[a-z][a-z0-9+.-]{0,31}:\/\/)([^:@/\s]*):[^@/\s]+@/gi;

/** The same, cut off before its `@` by the scan cap: a password's start. */
const URL_PASSWORD_CUT =
  /:\/\/(?<=\b[a-z][a-z0-9+.-]{0,31}:\/\/)([^:@/\s]*):[^@/\s]*$/i;

/**
 * A bearer token in free text, e.g. an echoed header. `Bearer` is a
 * literal: a start costs the blanks and the token after it, which no other
 * start shares.
 */
const BEARER = /\b(Bearer)\s+[A-Za-z0-9._~+/=-]+/g;

/**
 * Characters of one string that are scanned and logged; the rest is
 * dropped and counted. No log line needs more, and it bounds what one
 * string costs the masks, whatever a client sends. The patterns above and
 * the cap are measured by redact-secrets.cost.spec.ts.
 */
export const MAX_SCANNED_CHARS = 16_384;

/** How deep nested metadata is walked; deeper values are dropped. */
const MAX_DEPTH = 6;

function isSecretName(name: string): boolean {
  return SECRET_NAME.test(name.toLowerCase().replace(/[-_]/g, ''));
}

/**
 * Masks the credentials a string may carry: `redis://:secret@host` becomes
 * `redis://:***@host`, `Bearer abc` becomes `Bearer ***`. A string longer
 * than {@link MAX_SCANNED_CHARS} keeps only that many characters, followed
 * by `…[N more characters not logged]`; a URL password the cut falls into
 * is masked up to the cut.
 */
export function maskSecrets(text: string): string {
  if (text.length <= MAX_SCANNED_CHARS) return maskWhole(text);
  const dropped = text.length - MAX_SCANNED_CHARS;
  const head = maskWhole(text.slice(0, MAX_SCANNED_CHARS));
  return `${head.replace(URL_PASSWORD_CUT, '://$1:***')}…[${dropped} more characters not logged]`;
}

function maskWhole(text: string): string {
  const hasUrl = text.includes('@');
  const hasBearer = text.includes('Bearer');
  if (!hasUrl && !hasBearer) return text;
  const masked = hasUrl ? text.replace(URL_PASSWORD, '://$1:***@') : text;
  return hasBearer ? masked.replace(BEARER, '$1 ***') : masked;
}

/**
 * A copy of `value` fit to log: secret-named fields redacted, credentials in
 * strings masked, a `payload` next to its job `type` passed through the
 * contract's redaction of sensitive fields, errors reduced to what they
 * say. Never changes the caller's objects.
 */
export function redactValue(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return maskSecrets(value);
  if (value === null || typeof value !== 'object') return value;
  if (depth >= MAX_DEPTH) return '[too deep]';
  if (value instanceof Error) {
    const { code } = value as { code?: unknown };
    return redactValue(
      { name: value.name, message: value.message, code, stack: value.stack },
      depth,
    );
  }
  if (Array.isArray(value)) return value.map(v => redactValue(v, depth + 1));
  if (value instanceof Date) return value;
  return redactFields(value as Record<string, unknown>, depth);
}

function redactFields(
  fields: Record<string, unknown>,
  depth: number,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(fields)) {
    if (value === undefined) continue;
    if (isSecretName(key)) {
      out[key] = REDACTED;
    } else if (key === 'payload' && typeof fields['type'] === 'string') {
      out[key] = redactValue(redactPayload(fields['type'], value), depth + 1);
    } else {
      out[key] = redactValue(value, depth + 1);
    }
  }
  return out;
}

/**
 * The last line of defence before a line is written: whatever a caller
 * passed, credentials and sensitive payload fields do not reach stdout or
 * the log file.
 */
export const redactSecrets = winston.format(info => {
  for (const key of Object.keys(info)) {
    const value = info[key];
    if (isSecretName(key)) {
      info[key] = REDACTED;
    } else if (key === 'payload' && typeof info['type'] === 'string') {
      info[key] = redactValue(redactPayload(info['type'], value), 1);
    } else if (
      value !== null &&
      (typeof value === 'object' || typeof value === 'string')
    ) {
      info[key] = redactValue(value, 1);
    }
  }
  return info;
});
