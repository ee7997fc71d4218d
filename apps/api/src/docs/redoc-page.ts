import { escapeHtml } from './escape-html';

/** Where the Redoc page finds the document and its scripts. */
export interface RedocPageOptions {
  /** The OpenAPI document's URL path, such as `/openapi.json`. */
  documentUrl: string;
  /** The Redoc bundle's URL path, served by the API itself. */
  bundleUrl: string;
  /** The URL path of {@link redocInitScript}, served by the API. */
  initUrl: string;
  /** The page title. */
  title: string;
}

// Redoc's options: https://redocly.com/docs/redoc/config (read, not loaded).
const redocOptions = {
  expandResponses: '200,202',
  requiredPropsFirst: true,
  jsonSampleExpandLevel: 3,
  hideHostname: true,
};

/**
 * The HTML of `GET /redoc`: an empty page that loads Redoc from the API
 * and has it render the OpenAPI document in the browser. No inline
 * script: the page's CSP allows scripts from the API only.
 */
export function redocPage({
  bundleUrl,
  initUrl,
  title,
}: RedocPageOptions): string {
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>${escapeHtml(title)}</title>
    <!-- No icon: else the browser asks the API for /favicon.ico. -->
    <link rel="icon" href="data:," />
  </head>
  <body>
    <div id="redoc"></div>
    <script src="${escapeHtml(bundleUrl)}"></script>
    <script src="${escapeHtml(initUrl)}"></script>
  </body>
</html>
`;
}

/** The script that starts Redoc on the page {@link redocPage} makes. */
export function redocInitScript({ documentUrl }: RedocPageOptions): string {
  const args = [JSON.stringify(documentUrl), JSON.stringify(redocOptions)];
  // Set through the DOM, which the CSP allows, not a style attribute.
  return `document.body.style.margin = '0';
Redoc.init(${args.join(', ')}, document.getElementById('redoc'));
`;
}
