import { packageText } from './package-text';

/**
 * Redoc's standalone browser bundle (`redoc/bundles/redoc.standalone.js`) as
 * text, read once. `/redoc` loads it from the API itself: the page must
 * work with no internet access, so nothing comes from a CDN.
 */
export const redocBundle: () => Promise<string> = packageText(
  'redoc/bundles/redoc.standalone.js',
  // @ts-expect-error TS allows import attributes only for ES module output; esbuild, which builds the app, supports them.
  // prettier-ignore
  () => import('redoc/bundles/redoc.standalone.js', { with: { type: 'text' } }),
);
