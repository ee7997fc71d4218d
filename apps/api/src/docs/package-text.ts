import { readFileSync } from 'node:fs';

/**
 * A browser asset that an npm package ships (`redoc`, `swagger-ui-dist`),
 * as text, read once on first use.
 *
 * ts-jest and tsx run the TypeScript sources next to node_modules, so the
 * file is read from there. The built app (`nx build api`) is one esbuild
 * bundle that ships without node_modules: there `inlined` runs, an
 * `import(…, { with: { type: 'text' } })` of the same file, which esbuild
 * turns into the file's text at build time. Its specifier must be a
 * literal in the caller for esbuild to see it, hence the callback.
 *
 * @param specifier - the file, as `require.resolve` takes it.
 * @param inlined - imports the same file as text.
 */
export function packageText(
  specifier: string,
  inlined: () => Promise<{ default: string }>,
): () => Promise<string> {
  let text: Promise<string> | undefined;
  const read = async (): Promise<string> =>
    __filename.endsWith('.ts')
      ? readFileSync(require.resolve(specifier), 'utf8')
      : (await inlined()).default;
  return () => (text ??= read());
}
