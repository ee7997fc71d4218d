import type { RequestHandler } from 'express';
import helmet from 'helmet';

/**
 * helmet's headers (nosniff, frame and referrer policies, HSTS, …) on every
 * answer, without a Content-Security-Policy: the docs page and the
 * dashboard run inline scripts of their own.
 */
export const securityHeaders: RequestHandler = helmet({
  contentSecurityPolicy: false,
});

/**
 * The strictest CSP, for the JSON API: its answers are data, never pages,
 * so nothing may load or frame them.
 */
export const apiContentSecurityPolicy: RequestHandler =
  helmet.contentSecurityPolicy({
    useDefaults: false,
    directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] },
  });
