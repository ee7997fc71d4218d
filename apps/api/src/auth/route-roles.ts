import type { RequestHandler } from 'express';
import type { Role } from './api-key';
import { isProducerRequest } from './producer-routes';
import { requireRole } from './require-role';

/** The role a request needs, by method and path. */
export function roleFor(method: string, path: string): Role {
  // Express answers HEAD with the GET route.
  const asRouted = method === 'HEAD' ? 'GET' : method;
  return isProducerRequest(asRouted, path) ? 'producer' : 'admin';
}

const checks: Record<Role, RequestHandler> = {
  producer: requireRole('producer'),
  admin: requireRole('admin'),
};

/** Applies {@link roleFor} to every request: a 403 without the role. */
export const authorize: RequestHandler = (req, res, next) =>
  checks[roleFor(req.method, req.path)](req, res, next);
