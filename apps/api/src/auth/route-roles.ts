import type { RequestHandler } from 'express';
import type { Role } from './api-key';
import { requireRole } from './require-role';

/**
 * The routes a `producer` key may call. Everything else (cancel, replay,
 * the dead-letter queue, stats, schedules, the dashboard, and any route
 * added later until it is listed here) needs `admin`: new routes are
 * closed by default.
 */
const producerRoutes: readonly [method: string, path: RegExp][] = [
  ['POST', /^\/enqueue\/?$/],
  ['POST', /^\/enqueue\/batch\/?$/],
  ['GET', /^\/jobs\/[^/]+\/?$/],
  ['GET', /^\/jobs\/[^/]+\/events\/?$/],
  // The compatibility routes (routes/compat.router.ts) enqueue and read
  // exactly as the routes above do.
  ['POST', /^\/jobs\/?$/],
  ['POST', /^\/tasks?\/?$/],
  ['GET', /^\/tasks?\/[^/]+\/?$/],
];

/** The role a request needs, by method and path. */
export function roleFor(method: string, path: string): Role {
  // Express answers HEAD with the GET route.
  const asRouted = method === 'HEAD' ? 'GET' : method;
  const producer = producerRoutes.some(
    ([m, pattern]) => m === asRouted && pattern.test(path),
  );
  return producer ? 'producer' : 'admin';
}

const checks: Record<Role, RequestHandler> = {
  producer: requireRole('producer'),
  admin: requireRole('admin'),
};

/** Applies {@link roleFor} to every request: a 403 without the role. */
export const authorize: RequestHandler = (req, res, next) =>
  checks[roleFor(req.method, req.path)](req, res, next);
