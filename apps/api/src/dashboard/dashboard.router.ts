import express, { Router, type Request, type Response } from 'express';
import {
  createDashboardRouter,
  isSessionRevoked,
  revokeSession,
  type JobStore,
} from '@errand/queue-core';
import type { ApiKey, Principal } from '../auth/api-key';
import type { AuthFailureLimit } from '../auth/auth-failure-limit';
import { principalFor } from '../auth/authenticate';
import { findApiKey } from '../auth/find-api-key';
import { ForbiddenError } from '../auth/forbidden-error';
import { UnauthenticatedError } from '../auth/unauthenticated-error';
import { loginPage } from './login-page';
import {
  readCookie,
  SESSION_COOKIE,
  SESSION_TTL_MS,
  sessionMatchesKey,
  signSession,
  verifySession,
} from './session-cookie';

/** Where the dashboard lives. */
const DASHBOARD_PATH = '/admin/queues';
const LOGIN_PATH = `${DASHBOARD_PATH}/login`;

/** What the dashboard needs from the app. */
export interface DashboardDependencies {
  queues: JobStore;
  keys: readonly ApiKey[];
  /** Signs session cookies; every replica behind one address needs the same. */
  sessionSecret: string;
  /** Counts bad keys, Bearer or typed in the login form; unset: no limit. */
  failures?: AuthFailureLimit;
}

/**
 * Bull Board at `/admin/queues`, admin only, read-only (see
 * queue-core's `createDashboardRouter`). Access, in this order:
 * 1. no keys configured (development): open, like the rest of the API;
 * 2. `Authorization: Bearer <admin key>`, for scripts;
 * 3. a session cookie from `POST /admin/queues/login`, for browsers, which
 *    cannot send a Bearer header: HttpOnly, SameSite=Strict, Secure over
 *    HTTPS (direct or `X-Forwarded-Proto: https`), path `/admin/queues`,
 *    8 hours, holding the key's name, a fingerprint of the key (an HMAC of
 *    its hash, never the key), a session id and the expiry, signed with
 *    HMAC-SHA256. On every request the key must still be configured as
 *    admin under that name with the same fingerprint, so removing or
 *    replacing it ends its sessions; `POST /admin/queues/logout` revokes
 *    the session id in Redis, so it ends on every replica at once.
 * Without access, a page load goes to the login form; anything else is 401.
 */
export function dashboardRouter({
  queues,
  keys,
  sessionSecret,
  failures,
}: DashboardDependencies): Router {
  const router = Router();
  const board = createDashboardRouter(queues, { basePath: DASHBOARD_PATH });

  const sessionOf = (req: Request) =>
    verifySession(readCookie(req.get('cookie'), SESSION_COOKIE), sessionSecret);

  // The key must still be configured under its name with the same key
  // material, and the session not logged out on any replica.
  const sessionPrincipal = async (
    req: Request,
  ): Promise<Principal | undefined> => {
    const claims = sessionOf(req);
    const key = claims && keys.find(k => k.name === claims.name);
    if (!key || !sessionMatchesKey(claims, key, sessionSecret))
      return undefined;
    if (await isSessionRevoked(queues, claims.id)) return undefined;
    return { name: key.name, role: key.role, open: false };
  };

  router.get(LOGIN_PATH, (_req, res) => {
    res.type('html').send(loginPage(LOGIN_PATH));
  });

  router.post(
    LOGIN_PATH,
    express.urlencoded({ extended: false, limit: '2kb' }),
    async (req, res: Response) => {
      await failures?.refuseIfBlocked(req);
      const presented = String((req.body as { key?: unknown })?.key ?? '');
      const key = keys.length ? findApiKey(keys, presented) : undefined;
      if (!key && failures) {
        const limited = await failures.recordFailure(req);
        if (limited) throw limited;
      }
      if (!key || key.role !== 'admin') {
        res
          .status(key ? 403 : 401)
          .type('html')
          .send(
            loginPage(
              LOGIN_PATH,
              key ? 'This key is not an admin key.' : 'This key is not valid.',
            ),
          );
        return;
      }
      res.cookie(SESSION_COOKIE, signSession(key, sessionSecret), {
        httpOnly: true,
        sameSite: 'strict',
        // Behind a TLS-terminating proxy too; the flag only makes the
        // cookie stricter, so trusting the header here is harmless.
        secure: req.secure || req.get('x-forwarded-proto') === 'https',
        path: DASHBOARD_PATH,
        maxAge: SESSION_TTL_MS,
      });
      res.redirect(303, DASHBOARD_PATH);
    },
  );

  // Revoked in Redis until it would have expired: the cookie is refused at
  // once by every replica, even if a copy of it survives the browser's.
  router.post(`${DASHBOARD_PATH}/logout`, async (req, res) => {
    const claims = sessionOf(req);
    if (claims) await revokeSession(queues, claims.id, claims.expiresAt);
    res.clearCookie(SESSION_COOKIE, { path: DASHBOARD_PATH });
    res.redirect(303, LOGIN_PATH);
  });

  const bearerPrincipal = (req: Request, authorization: string) => {
    const attempt = () => principalFor(keys, authorization);
    return failures && keys.length ? failures.guard(req, attempt) : attempt();
  };

  router.use(DASHBOARD_PATH, async (req, res, next) => {
    const authorization = req.get('authorization');
    const principal = authorization
      ? await bearerPrincipal(req, authorization)
      : keys.length
        ? await sessionPrincipal(req)
        : principalFor(keys, undefined);
    if (!principal) {
      if (req.method === 'GET' && req.accepts(['json', 'html']) === 'html') {
        return res.redirect(303, LOGIN_PATH);
      }
      throw new UnauthenticatedError(
        `Log in at ${LOGIN_PATH} or send "Authorization: Bearer <admin key>".`,
      );
    }
    if (principal.role !== 'admin') {
      throw new ForbiddenError(
        `The key "${principal.name}" has role ${principal.role}; the dashboard needs admin.`,
      );
    }
    res.locals['principal'] = principal;
    board(req, res, next);
  });
  return router;
}
