import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { parse } from 'cookie';
import type { ApiKey } from '../auth/api-key';

/** The dashboard's session cookie. */
export const SESSION_COOKIE = 'errand_session';

/** How long a dashboard login lasts: 8 hours. */
export const SESSION_TTL_MS = 8 * 60 * 60 * 1_000;

/** What a valid, unexpired session says. */
export interface SessionClaims {
  /** The name of the key that logged in. */
  name: string;
  /** That key's {@link keyFingerprint}. */
  fingerprint: string;
  /** Random, one per login: what logout revokes. */
  id: string;
  /** When the session ends, in ms since the epoch. */
  expiresAt: number;
}

function signatureOf(payload: string, secret: string): Buffer {
  return createHmac('sha256', secret).update(payload).digest();
}

/**
 * A key's fingerprint: an HMAC under the session secret of the key's
 * stored SHA-256, never the key. A key replaced under the same name has
 * another fingerprint, so the old key's sessions stop matching; and the
 * cookie tells nothing about the key without the secret.
 */
export function keyFingerprint(keyHash: Buffer, secret: string): string {
  return createHmac('sha256', secret)
    .update('errand dashboard key\0')
    .update(keyHash)
    .digest('base64url');
}

/**
 * A session for `key`: `base64url({n, f, j, e}).base64url(HMAC-SHA256)`,
 * holding the key's name, its fingerprint, a random session id and an
 * expiry, never the key itself, so a stolen cookie dies with its expiry,
 * its logout, the key's replacement or the secret, and the key stays
 * secret.
 */
export function signSession(
  key: Pick<ApiKey, 'name' | 'hash'>,
  secret: string,
  now = Date.now(),
): string {
  const payload = Buffer.from(
    JSON.stringify({
      n: key.name,
      f: keyFingerprint(key.hash, secret),
      j: randomBytes(16).toString('base64url'),
      e: now + SESSION_TTL_MS,
    }),
  ).toString('base64url');
  return `${payload}.${signatureOf(payload, secret).toString('base64url')}`;
}

/** The claims of a validly signed, unexpired session; undefined otherwise. */
export function verifySession(
  value: string | undefined,
  secret: string,
  now = Date.now(),
): SessionClaims | undefined {
  const [payload, signature, ...rest] = (value ?? '').split('.');
  if (!payload || !signature || rest.length) return undefined;
  const expected = signatureOf(payload, secret);
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    return undefined;
  }
  try {
    const { n, f, j, e } = JSON.parse(
      Buffer.from(payload, 'base64url').toString(),
    );
    const valid =
      typeof n === 'string' &&
      typeof f === 'string' &&
      typeof j === 'string' &&
      typeof e === 'number' &&
      e > now;
    return valid ? { name: n, fingerprint: f, id: j, expiresAt: e } : undefined;
  } catch {
    return undefined;
  }
}

/** True when the session was made for `key` as it is configured now. */
export function sessionMatchesKey(
  claims: SessionClaims,
  key: Pick<ApiKey, 'name' | 'hash'>,
  secret: string,
): boolean {
  const given = Buffer.from(claims.fingerprint);
  const expected = Buffer.from(keyFingerprint(key.hash, secret));
  return (
    claims.name === key.name &&
    given.length === expected.length &&
    timingSafeEqual(given, expected)
  );
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
