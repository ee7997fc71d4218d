import type { RequestHandler } from 'express';
import helmet from 'helmet';

/**
 * What both documentation pages need, and nothing more. Everything they
 * load comes from the API itself: scripts only from files it serves (the
 * pages' own start-up code is a served file too, so no inline script runs),
 * and requests only to this origin (the document, and "Try it out").
 */
const shared = {
  defaultSrc: ["'none'"],
  scriptSrc: ["'self'"],
  connectSrc: ["'self'"],
  // The stylesheets inline their icons as data: URIs.
  imgSrc: ["'self'", 'data:'],
  baseUri: ["'none'"],
  formAction: ["'none'"],
  frameAncestors: ["'none'"],
};

/**
 * The CSP of `GET /docs` (Swagger UI). Its stylesheet is a served file;
 * React sets the few inline styles through the DOM, which CSP allows.
 */
export const swaggerUiContentSecurityPolicy: RequestHandler =
  helmet.contentSecurityPolicy({
    useDefaults: false,
    directives: { ...shared, styleSrc: ["'self'"] },
  });

/**
 * The CSP of `GET /redoc`. Redoc writes its styles into `<style>` elements
 * at run time (styled-components), which needs `'unsafe-inline'` for styles
 * only, and runs its search index in a worker made from a `blob:` URL out
 * of its own bundle. Scripts stay limited to the API's own files. The
 * Redocly logo it asks cdn.redoc.ly for is refused; Redoc then leaves it
 * out.
 */
export const redocContentSecurityPolicy: RequestHandler =
  helmet.contentSecurityPolicy({
    useDefaults: false,
    directives: {
      ...shared,
      styleSrc: ["'self'", "'unsafe-inline'"],
      workerSrc: ['blob:'],
    },
  });
