import { createHmac, timingSafeEqual } from 'node:crypto';
import { parse } from 'cookie';

/** The dashboard's session cookie. */
export const SESSION_COOKIE = 'errand_session';

/** How long a dashboard login lasts: 8 hours. */
export const SESSION_TTL_MS = 8 * 60 * 60 * 1_000;

function signatureOf(payload: string, secret: string): Buffer {
  return createHmac('sha256', secret).update(payload).digest();
}

/**
 * A session for key `name`: `base64url({n, e}).base64url(HMAC-SHA256)`.
 * It holds the key's name and an expiry, never the key itself, so a stolen
 * cookie dies with its expiry or the secret, and the key stays secret.
 */
export function signSession(
  name: string,
  secret: string,
  now = Date.now(),
): string {
  const payload = Buffer.from(
    JSON.stringify({ n: name, e: now + SESSION_TTL_MS }),
  ).toString('base64url');
  return `${payload}.${signatureOf(payload, secret).toString('base64url')}`;
}

/** The key name in a valid, unexpired session; undefined otherwise. */
export function verifySession(
  value: string | undefined,
  secret: string,
  now = Date.now(),
): string | undefined {
  const [payload, signature, ...rest] = (value ?? '').split('.');
  if (!payload || !signature || rest.length) return undefined;
  const expected = signatureOf(payload, secret);
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    return undefined;
  }
  try {
    const { n, e } = JSON.parse(Buffer.from(payload, 'base64url').toString());
    return typeof n === 'string' && typeof e === 'number' && e > now
      ? n
      : undefined;
  } catch {
    return undefined;
  }
}

/**
 * One cookie's value from a `Cookie` header, parsed by `cookie` (Express's
 * own parser). A value that does not decode is kept as sent, so it simply
 * fails {@link verifySession}: a malformed cookie is no session, not a 500.
 */
export function readCookie(
  header: string | undefined,
  name: string,
): string | undefined {
  return header ? parse(header)[name] : undefined;
}
