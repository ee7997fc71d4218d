import type { Response } from 'express';
import { OPEN_PRINCIPAL, type Principal } from './api-key';

/**
 * The request's principal, which `authenticate` (authenticate.ts) put there.
 * Its own file, so that the rate limiter can read it without importing the
 * authenticator, which imports the auth-failure limit, which imports the
 * rate limiter.
 */
export function principalOf(res: Response): Principal {
  return (res.locals['principal'] as Principal | undefined) ?? OPEN_PRINCIPAL;
}
