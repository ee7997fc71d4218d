import { packageText } from './package-text';

/**
 * Swagger UI's browser bundle (`swagger-ui-dist/swagger-ui-bundle.js`, the
 * library with its default presets, which defines `SwaggerUIBundle`) as
 * text, read once. `/docs` loads it from the API itself: no CDN.
 */
export const swaggerUiBundle: () => Promise<string> = packageText(
  'swagger-ui-dist/swagger-ui-bundle.js',
  // @ts-expect-error TS allows import attributes only for ES module output; esbuild, which builds the app, supports them.
  // prettier-ignore
  () => import('swagger-ui-dist/swagger-ui-bundle.js', { with: { type: 'text' } }),
);

/** Swagger UI's stylesheet (`swagger-ui-dist/swagger-ui.css`), read once. */
export const swaggerUiCss: () => Promise<string> = packageText(
  'swagger-ui-dist/swagger-ui.css',
  // @ts-expect-error TS allows import attributes only for ES module output; esbuild, which builds the app, supports them.
  // prettier-ignore
  () => import('swagger-ui-dist/swagger-ui.css', { with: { type: 'text' } }),
);
