import type { RequestHandler } from 'express';
import type { Role } from './api-key';
import { principalOf } from './principal-of';
import { ForbiddenError } from './forbidden-error';

/**
 * Lets through only principals with `role` (an admin may do anything);
 * mount after `authenticate`. Exported for routes mounted elsewhere, such
 * as `/metrics`: `app.get('/metrics', authenticate(keys),
 * requireRole('admin'), ...)`.
 */
export function requireRole(role: Role): RequestHandler {
  return (_req, res, next) => {
    const principal = principalOf(res);
    if (principal.role !== role && principal.role !== 'admin') {
      throw new ForbiddenError(
        `The key "${principal.name}" has role ${principal.role}; this needs ${role}.`,
      );
    }
    next();
  };
}
