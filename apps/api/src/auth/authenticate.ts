import type { RequestHandler } from 'express';
import { OPEN_PRINCIPAL, type ApiKey, type Principal } from './api-key';
import type { AuthFailureLimit } from './auth-failure-limit';
import { findApiKey } from './find-api-key';
import { KeyInQueryError } from './key-in-query-error';
import { UnauthenticatedError } from './unauthenticated-error';

/** Query parameters that people (and some tools) put keys in. */
const KEY_PARAMETERS = ['api_key', 'apikey', 'key', 'token', 'access_token'];

/** Refuses a request that carries a credential in its query string. */
export const refuseKeyInQuery: RequestHandler = (req, _res, next) => {
  const query = new URL(req.originalUrl, 'http://x').searchParams;
  const found = KEY_PARAMETERS.find(name => query.has(name));
  if (found) throw new KeyInQueryError(found);
  next();
};

/**
 * The principal for an `Authorization` header value, or a 401 error.
 * With no keys configured every request is the open principal.
 */
export function principalFor(
  keys: readonly ApiKey[],
  authorization: string | undefined,
): Principal {
  if (!keys.length) return OPEN_PRINCIPAL;
  if (!authorization) {
    throw new UnauthenticatedError(
      'Send an API key as "Authorization: Bearer <key>".',
    );
  }
  const match = /^Bearer +(\S+) *$/i.exec(authorization);
  if (!match) {
    throw new UnauthenticatedError(
      'The Authorization header must be "Bearer <key>".',
    );
  }
  const key = findApiKey(keys, match[1]);
  if (!key) throw new UnauthenticatedError('The API key is not valid.');
  return { name: key.name, role: key.role, types: key.types, open: false };
}

/**
 * Checks `Authorization: Bearer <key>` against the configured keys and
 * puts the {@link Principal} in `res.locals.principal`; a missing or bad key
 * is a 401. Roles are checked later, per route. With `failures`, a request
 * that sends a key goes through its limit: a bad key counts against the
 * client's address, and a blocked address gets a 429 whatever key it sends.
 */
export function authenticate(
  keys: readonly ApiKey[],
  failures?: AuthFailureLimit,
): RequestHandler {
  return async (req, res, next) => {
    const authorization = req.get('authorization');
    const attempt = () => principalFor(keys, authorization);
    res.locals['principal'] =
      failures && authorization && keys.length
        ? await failures.guard(req, attempt)
        : attempt();
    next();
  };
}
