import { ErrandError } from '../errors/errand-error';
import { ErrorCode } from '../errors/error-code';

/**
 * The header a client sends to make `POST /enqueue` safe to repeat. Here,
 * beside the other HTTP contracts, so the API that reads it and the client
 * that sends it spell it once.
 */
export const IDEMPOTENCY_HEADER = 'Idempotency-Key';

/** 1 to 255 printable ASCII characters (space to `~`), as in Stripe's API. */
const VALID_KEY = /^[\x20-\x7e]{1,255}$/;

/**
 * Reads the `Idempotency-Key` header: `undefined` when absent, the key when
 * valid, and a `request.invalidParameter` error naming the header otherwise.
 */
export function parseIdempotencyKey(
  header: string | undefined,
): string | undefined {
  if (header === undefined) return undefined;
  if (VALID_KEY.test(header)) return header;
  const message = 'Must be 1 to 255 printable ASCII characters';
  throw new ErrandError(
    ErrorCode.invalidParameter,
    `The ${IDEMPOTENCY_HEADER} header is invalid: ${message.toLowerCase()}.`,
    [{ path: `/headers/${IDEMPOTENCY_HEADER.toLowerCase()}`, message }],
  );
}
