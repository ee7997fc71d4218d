/** Where the docs page finds the document and Redoc's script. */
export interface DocsPageOptions {
  /** The OpenAPI document's URL path, such as `/openapi.json`. */
  documentUrl: string;
  /** The Redoc bundle's URL path, served by the API itself. */
  scriptUrl: string;
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

const escapeHtml = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * The HTML of `GET /docs`: an empty page that loads Redoc from the API and
 * has it render the OpenAPI document in the browser.
 */
export function docsPage({
  documentUrl,
  scriptUrl,
  title,
}: DocsPageOptions): string {
  const init = [
    JSON.stringify(documentUrl),
    JSON.stringify(redocOptions),
    "document.getElementById('redoc')",
  ].join(', ');
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>${escapeHtml(title)}</title>
    <style>
      body { margin: 0; }
    </style>
  </head>
  <body>
    <div id="redoc"></div>
    <script src="${escapeHtml(scriptUrl)}"></script>
    <script>
      Redoc.init(${init});
    </script>
  </body>
</html>
`;
}
