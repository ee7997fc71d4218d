/**
 * The `--json` output: one JSON document, two-space indented. Its shapes are
 * the contracts' (`JobView`, `TypeStats`) wrapped in a named field, and are
 * stable for scripts.
 */
export function renderJson(value: unknown): string {
  return JSON.stringify(value, null, 2);
}
