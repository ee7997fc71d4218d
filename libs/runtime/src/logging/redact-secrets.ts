import { redactPayload, REDACTED } from '@errand/contracts';
import winston from 'winston';

/**
 * Field names whose values are credentials wherever they appear: HTTP
 * headers (`authorization`, `cookie`), API keys, passwords, secrets,
 * tokens. Matched on the whole name, case and separators ignored.
 */
const SECRET_NAME =
  /^(authorization|proxyauthorization|cookie|setcookie|password|passwd|secret|token|apikey|xapikey|accesstoken|refreshtoken|clientsecret|privatekey)$/;

/** `scheme://user:password@` in any string: the password part. */
const URL_PASSWORD = /\b([a-z][a-z0-9+.-]*:\/\/[^:@/\s]*):([^@/\s]+)@/gi;

/** A bearer token in free text, e.g. an echoed header. */
const BEARER = /\b(Bearer)\s+[A-Za-z0-9._~+/=-]+/g;

/** How deep nested metadata is walked; deeper values are dropped. */
const MAX_DEPTH = 6;

function isSecretName(name: string): boolean {
  return SECRET_NAME.test(name.toLowerCase().replace(/[-_]/g, ''));
}

/**
 * Masks the credentials a string may carry: `redis://:secret@host` becomes
 * `redis://:***@host`, `Bearer abc` becomes `Bearer ***`.
 */
export function maskSecrets(text: string): string {
  if (!text.includes('@') && !text.includes('Bearer')) return text;
  return text.replace(URL_PASSWORD, '$1:***@').replace(BEARER, '$1 ***');
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
