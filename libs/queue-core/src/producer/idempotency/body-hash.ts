import { createHmac, type BinaryLike } from 'node:crypto';

/** JSON with object keys sorted at every level, so equal bodies agree. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/**
 * The HMAC-SHA-256 of a request body as parsed JSON, under the server's
 * idempotency secret: key order and whitespace do not matter, every value
 * does. A repeat with the same key must send a body with the same hash.
 *
 * Keyed, not a plain hash: the record stays in Redis for the whole window,
 * and a body with a short secret in it (a 6-digit code) would be found from
 * a plain SHA-256 by trying every value, even with the payload encrypted.
 */
export function bodyHashOf(body: unknown, secret: BinaryLike): string {
  return createHmac('sha256', secret).update(canonicalJson(body)).digest('hex');
}
