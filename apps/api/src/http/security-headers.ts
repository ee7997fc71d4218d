import type { Request, RequestHandler, Response } from 'express';
import helmet from 'helmet';

/**
 * Runs a helmet middleware once, at start-up, and returns one that sets
 * the same headers on every answer. helmet builds each header anew per
 * request through a dozen middlewares; with the options below they never
 * change (no nonce, nothing read from the request), so one pass over a
 * precomputed list costs a fraction (docs/performance.md).
 */
function precomputed(middleware: RequestHandler): RequestHandler {
  const headers: [string, string][] = [];
  const removed: string[] = [];
  const recorder = {
    setHeader(name: string, value: unknown) {
      headers.push([name, String(value)]);
    },
    removeHeader(name: string) {
      removed.push(name);
    },
  };
  let called = false;
  void middleware(
    {} as Request,
    recorder as unknown as Response,
    () => (called = true),
  );
  if (!called) throw new Error('helmet did not answer synchronously');
  return (_req, res, next) => {
    for (const name of removed) res.removeHeader(name);
    for (const [name, value] of headers) res.setHeader(name, value);
    next();
  };
}

/**
 * helmet's headers (nosniff, frame and referrer policies, HSTS, …) on every
 * answer, without a Content-Security-Policy: the docs page and the
 * dashboard run inline scripts of their own.
 */
export const securityHeaders: RequestHandler = precomputed(
  helmet({ contentSecurityPolicy: false }),
);

/**
 * The strictest CSP, for the JSON API: its answers are data, never pages,
 * so nothing may load or frame them.
 */
export const apiContentSecurityPolicy: RequestHandler = precomputed(
  helmet.contentSecurityPolicy({
    useDefaults: false,
    directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] },
  }),
);
