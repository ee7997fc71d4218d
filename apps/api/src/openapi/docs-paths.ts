import { toJsonSchema } from '@errand/contracts';
import { Type } from '@sinclair/typebox';
import type { OpenApiPaths, OpenApiResponse } from './openapi-object';

/** The files `GET /docs/assets/{file}` serves. */
const docsAssetFiles = [
  'swagger-ui-bundle.js',
  'swagger-ui.css',
  'swagger-ui-init.js',
  'redoc.standalone.js',
  'redoc-init.js',
] as const;

const page = (description: string): OpenApiResponse => ({
  description,
  content: { 'text/html': { schema: toJsonSchema(Type.String()) } },
});

/**
 * The pages that render this document, `GET /docs` (Swagger UI) and
 * `GET /redoc` (Redoc), and `GET /docs/assets/{file}`, the scripts and
 * stylesheet they load from the API itself (no CDN).
 */
export function docsPaths(): OpenApiPaths {
  return {
    '/docs': {
      get: {
        operationId: 'getSwaggerUiPage',
        summary: 'Interactive documentation (Swagger UI)',
        description:
          'An HTML page that renders this document with Swagger UI: "Authorize" takes an API key (kept in the browser across reloads) and "Try it out" sends requests to this API.',
        tags: ['documentation'],
        responses: { '200': page('The page.') },
      },
    },
    '/redoc': {
      get: {
        operationId: 'getRedocPage',
        summary: 'Reference documentation (Redoc)',
        description: 'An HTML page that renders this document with Redoc.',
        tags: ['documentation'],
        responses: { '200': page('The page.') },
      },
    },
    '/docs/assets/{file}': {
      get: {
        operationId: 'getDocsAsset',
        summary: 'A script or stylesheet of the documentation pages',
        description:
          'Swagger UI and Redoc from their npm packages, and the start-up script of each page: the pages run no inline script.',
        tags: ['documentation'],
        parameters: [
          {
            name: 'file',
            in: 'path',
            required: true,
            description: 'The file.',
            schema: toJsonSchema(
              Type.Union(docsAssetFiles.map(file => Type.Literal(file))),
            ),
          },
        ],
        responses: {
          '200': {
            description: 'JavaScript or CSS.',
            content: {
              'text/javascript': { schema: toJsonSchema(Type.String()) },
              'text/css': { schema: toJsonSchema(Type.String()) },
            },
          },
        },
      },
    },
  };
}
