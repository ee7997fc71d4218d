import { Router } from 'express';
import {
  redocContentSecurityPolicy,
  swaggerUiContentSecurityPolicy,
} from '../docs/docs-content-security-policy';
import {
  docsAssets,
  docsAssetUrl,
  DOCS_ASSETS_PATH,
} from '../docs/docs-assets';
import { redocPage, type RedocPageOptions } from '../docs/redoc-page';
import {
  swaggerUiPage,
  type SwaggerUiPageOptions,
} from '../docs/swagger-ui-page';
import { routeNotFound } from '../http/error-handler';
import { buildOpenApiDocument } from '../openapi/build-openapi-document';
import type { OpenApiDocument } from '../openapi/openapi-object';

const DOCUMENT_URL = '/openapi.json';

/**
 * `GET /openapi.json`: the OpenAPI 3.1 document, generated from the
 * contracts once, when the app is built. `GET /docs`: Swagger UI on it
 * (with "Try it out" and "Authorize"), `GET /redoc`: Redoc on it, each
 * under a CSP of its own; `GET /docs/assets/:file`: their scripts and
 * stylesheet, served by the API (no CDN).
 */
export function docsRouter(
  document: OpenApiDocument = buildOpenApiDocument(),
): Router {
  const router = Router();
  const title = document.info.title;
  const swaggerUi: SwaggerUiPageOptions = {
    documentUrl: DOCUMENT_URL,
    bundleUrl: docsAssetUrl('swagger-ui-bundle.js'),
    cssUrl: docsAssetUrl('swagger-ui.css'),
    initUrl: docsAssetUrl('swagger-ui-init.js'),
    title,
  };
  const redoc: RedocPageOptions = {
    documentUrl: DOCUMENT_URL,
    bundleUrl: docsAssetUrl('redoc.standalone.js'),
    initUrl: docsAssetUrl('redoc-init.js'),
    title,
  };
  const swaggerUiHtml = swaggerUiPage(swaggerUi);
  const redocHtml = redocPage(redoc);
  const assets = docsAssets(swaggerUi, redoc);

  router.get(DOCUMENT_URL, (_req, res) => {
    res.json(document);
  });
  router.get('/docs', swaggerUiContentSecurityPolicy, (_req, res) => {
    res.type('html').send(swaggerUiHtml);
  });
  router.get('/redoc', redocContentSecurityPolicy, (_req, res) => {
    res.type('html').send(redocHtml);
  });
  router.get(`${DOCS_ASSETS_PATH}/:file`, async (req, res, next) => {
    const asset = assets.get(req.params.file);
    // An unknown file is a 404 here, not a 401 from the routes below.
    if (!asset) {
      routeNotFound(req, res, next);
      return;
    }
    const text = await asset.text();
    res.type(asset.type).set('Cache-Control', 'public, max-age=3600');
    res.send(text);
  });
  return router;
}
