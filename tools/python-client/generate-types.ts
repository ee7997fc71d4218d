import { readFileSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import * as contracts from '@errand/contracts';
import { namedSchemas } from './named-schemas';
import { renderApiTypes } from './render-api-types';
import { renderJobTypes } from './render-job-types';

/**
 * `npx tsx tools/python-client/generate-types.ts [--check]`: writes the
 * Python client's typed modules from the contracts. With `--check` it
 * writes nothing, and exits 1 naming each module that differs from what the
 * contracts generate now (the client's tests run it, so CI fails on a
 * stale module).
 */
const WORKSPACE_ROOT = resolve(__dirname, '../..');
const PACKAGE = join(WORKSPACE_ROOT, 'libs/client-python/errand_client');

/** Each generated module's path and text. */
function generatedModules(): [path: string, text: string][] {
  const named = namedSchemas(contracts);
  return [
    [join(PACKAGE, 'api_types.py'), renderApiTypes(named)],
    [
      join(PACKAGE, 'job_types.py'),
      renderJobTypes(contracts.jobCatalog, named),
    ],
  ];
}

function main(check: boolean): number {
  const stale: string[] = [];
  for (const [path, text] of generatedModules()) {
    const current = readOr(path);
    if (current === text) continue;
    stale.push(relative(WORKSPACE_ROOT, path));
    if (!check) writeFileSync(path, text);
  }
  for (const path of stale) {
    process.stdout.write(`${check ? 'stale' : 'wrote'}: ${path}\n`);
  }
  if (check && stale.length) {
    process.stderr.write(
      'The Python client is out of step with the contracts; run\n' +
        '  npx tsx tools/python-client/generate-types.ts\n',
    );
    return 1;
  }
  return 0;
}

function readOr(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

if (require.main === module) {
  process.exitCode = main(process.argv.includes('--check'));
}
