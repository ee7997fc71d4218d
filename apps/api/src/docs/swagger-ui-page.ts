import { escapeHtml } from './escape-html';

/** Where the Swagger UI page finds the document, its scripts and styles. */
export interface SwaggerUiPageOptions {
  /** The OpenAPI document's URL path, such as `/openapi.json`. */
  documentUrl: string;
  /** Swagger UI's bundle's URL path, served by the API itself. */
  bundleUrl: string;
  /** Swagger UI's stylesheet's URL path, served by the API itself. */
  cssUrl: string;
  /** The URL path of {@link swaggerUiInitScript}, served by the API. */
  initUrl: string;
  /** The page title. */
  title: string;
}

// Swagger UI's options: https://swagger.io/docs/open-source-tools/swagger-ui/usage/configuration/
// (read, not loaded).
const swaggerUiOptions = {
  dom_id: '#swagger-ui',
  // The key typed into the Authorize dialog is kept in the browser's
  // localStorage, so a reload does not ask for it again ("Logout" there
  // forgets it).
  persistAuthorization: true,
  // The default sends the document to validator.swagger.io: nothing may
  // leave the API's origin.
  validatorUrl: null,
  deepLinking: true,
  displayRequestDuration: true,
  defaultModelsExpandDepth: 0,
};

/**
 * The HTML of `GET /docs`: Swagger UI rendering the OpenAPI document, with
 * "Try it out" sending requests to this API (the document names no
 * server, so Swagger UI uses the page's origin) and an "Authorize" button
 * for the API key. No inline script: the page's CSP allows scripts from the
 * API only.
 */
export function swaggerUiPage({
  bundleUrl,
  cssUrl,
  initUrl,
  title,
}: SwaggerUiPageOptions): string {
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>${escapeHtml(title)}</title>
    <!-- No icon: else the browser asks the API for /favicon.ico. -->
    <link rel="icon" href="data:," />
    <link rel="stylesheet" href="${escapeHtml(cssUrl)}" />
  </head>
  <body>
    <div id="swagger-ui"></div>
    <script src="${escapeHtml(bundleUrl)}"></script>
    <script src="${escapeHtml(initUrl)}"></script>
  </body>
</html>
`;
}

/** The script that starts Swagger UI on the page {@link swaggerUiPage} makes. */
export function swaggerUiInitScript({
  documentUrl,
}: SwaggerUiPageOptions): string {
  const options = { url: documentUrl, ...swaggerUiOptions };
  return `window.ui = SwaggerUIBundle(${JSON.stringify(options)});\n`;
}
