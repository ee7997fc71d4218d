import { redocBundle } from './redoc-bundle';
import { redocInitScript, type RedocPageOptions } from './redoc-page';
import { swaggerUiBundle, swaggerUiCss } from './swagger-ui-assets';
import {
  swaggerUiInitScript,
  type SwaggerUiPageOptions,
} from './swagger-ui-page';

/** A file the documentation pages load. */
export interface DocsAsset {
  /** Its `Content-Type`. */
  type: 'text/javascript' | 'text/css';
  /** Its text, read or made once. */
  text: () => Promise<string>;
}

/** The URL path the assets are served under. */
export const DOCS_ASSETS_PATH = '/docs/assets';

/** The URL path of the asset named `file`. */
export const docsAssetUrl = (file: string): string =>
  `${DOCS_ASSETS_PATH}/${file}`;

const constant = (text: string) => () => Promise.resolve(text);

/**
 * The scripts and stylesheet of `/docs` (Swagger UI) and `/redoc`, by file
 * name: the two libraries' bundles from their packages, and the start-up
 * script of each page.
 */
export function docsAssets(
  swaggerUi: SwaggerUiPageOptions,
  redoc: RedocPageOptions,
): ReadonlyMap<string, DocsAsset> {
  return new Map<string, DocsAsset>([
    [
      'swagger-ui-bundle.js',
      { type: 'text/javascript', text: swaggerUiBundle },
    ],
    ['swagger-ui.css', { type: 'text/css', text: swaggerUiCss }],
    [
      'swagger-ui-init.js',
      {
        type: 'text/javascript',
        text: constant(swaggerUiInitScript(swaggerUi)),
      },
    ],
    ['redoc.standalone.js', { type: 'text/javascript', text: redocBundle }],
    [
      'redoc-init.js',
      { type: 'text/javascript', text: constant(redocInitScript(redoc)) },
    ],
  ]);
}
