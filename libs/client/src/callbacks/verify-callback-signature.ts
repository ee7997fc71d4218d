import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * How old a signed timestamp may be, in seconds, before
 * {@link verifyCallbackSignature} refuses it as a replay. @defaultValue 300
 */
export const CALLBACK_TOLERANCE_SECONDS = 300;

/** How {@link verifyCallbackSignature} judges a delivery. */
export interface VerifyCallbackOptions {
  /** The API's `CALLBACK_SIGNING_SECRET`. */
  secret: string;
  /** @defaultValue {@link CALLBACK_TOLERANCE_SECONDS} */
  toleranceSeconds?: number;
  /** The time now, in seconds since the epoch. @defaultValue the clock's */
  now?: number;
}

/**
 * Whether a callback Errand POSTed is genuine: `signature` is its
 * `Errand-Signature` header (`t=<unix seconds>,v1=<hex>`), `rawBody` the
 * body exactly as received (before any JSON parsing). The HMAC-SHA256 of
 * `<t>.<body>` under the secret must equal `v1`, compared in constant
 * time, and `t` must be within the tolerance of now, so a captured
 * delivery cannot be replayed later. Parse the body only once this is
 * true; `Errand-Delivery-Id` tells repeats of one delivery apart.
 */
export function verifyCallbackSignature(
  rawBody: string | Uint8Array,
  signature: string | undefined,
  {
    secret,
    toleranceSeconds = CALLBACK_TOLERANCE_SECONDS,
    now = Date.now() / 1_000,
  }: VerifyCallbackOptions,
): boolean {
  const parts = new Map(
    (signature ?? '').split(',').map(part => {
      const at = part.indexOf('=');
      return [part.slice(0, at).trim(), part.slice(at + 1).trim()] as const;
    }),
  );
  const t = parts.get('t') ?? '';
  const v1 = parts.get('v1') ?? '';
  if (!/^\d{1,12}$/.test(t) || !/^[0-9a-f]{64}$/i.test(v1)) return false;
  if (Math.abs(now - Number(t)) > toleranceSeconds) return false;
  const expected = createHmac('sha256', secret)
    .update(`${t}.`)
    .update(rawBody)
    .digest();
  return timingSafeEqual(Buffer.from(v1, 'hex'), expected);
}
