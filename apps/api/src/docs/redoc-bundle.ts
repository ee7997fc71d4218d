import { readFileSync } from 'node:fs';

// A variable, not a literal, so that esbuild does not try to bundle the
// require.resolve below (it inlines the file through the import instead).
const bundlePath = 'redoc/bundles/redoc.standalone.js';

let bundle: Promise<string> | undefined;

async function readBundle(): Promise<string> {
  // ts-jest and tsx run the TypeScript sources, next to node_modules.
  if (__filename.endsWith('.ts')) {
    return readFileSync(require.resolve(bundlePath), 'utf8');
  }
  // The built app (`nx build api`) is one file that ships without
  // node_modules, so esbuild inlines Redoc's bundle as a string here.
  // @ts-expect-error TS allows import attributes only for ES module output; esbuild, which builds the app, supports them.
  // prettier-ignore
  const inlined = await import('redoc/bundles/redoc.standalone.js', { with: { type: 'text' } });
  return inlined.default;
}

/**
 * Redoc's standalone browser bundle (`redoc/bundles/redoc.standalone.js`) as
 * text, read once. The docs page loads it from the API itself: the page
 * must work with no internet access, so nothing comes from a CDN.
 */
export function redocBundle(): Promise<string> {
  bundle ??= readBundle();
  return bundle;
}
