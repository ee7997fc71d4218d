import { Router } from 'express';
import { buildOpenApiDocument, type OpenApiDocument } from '@errand/contracts';
import { docsPage } from '../docs/docs-page';
import { redocBundle } from '../docs/redoc-bundle';

const DOCUMENT_URL = '/openapi.json';
const SCRIPT_URL = '/docs/redoc.standalone.js';

/**
 * `GET /openapi.json`: the OpenAPI 3.1 document, generated from the contracts
 * once, when the app is built. `GET /docs`: Redoc rendering it, with
 * Redoc's script served by the API (`GET /docs/redoc.standalone.js`).
 */
export function docsRouter(
  document: OpenApiDocument = buildOpenApiDocument(),
): Router {
  const router = Router();
  const page = docsPage({
    documentUrl: DOCUMENT_URL,
    scriptUrl: SCRIPT_URL,
    title: document.info.title,
  });
  router.get(DOCUMENT_URL, (_req, res) => {
    res.json(document);
  });
  router.get('/docs', (_req, res) => {
    res.type('html').send(page);
  });
  router.get(SCRIPT_URL, async (_req, res) => {
    const script = await redocBundle();
    res.type('text/javascript').set('Cache-Control', 'public, max-age=3600');
    res.send(script);
  });
  return router;
}
