import { logger, type Tree } from '@nx/devkit';
import type { JobTypeNames } from './job-type-names';
import {
  addModuleStatement,
  addRegistryEntry,
  importsName,
  registryKeys,
} from './source-edits';

/**
 * The files that list every job type, relative to the workspace root. Each
 * must gain an entry for a new type, or the workspace does not compile.
 */
export const REGISTRIES = {
  /** `jobCatalog`: the one source every other list derives from. */
  catalog: 'libs/contracts/src/catalog/job-catalog.ts',
  /** The contracts lib's public door: it re-exports each type's schemas. */
  contractsIndex: 'libs/contracts/src/index.ts',
  /** The worker's `satisfies HandlerMap` registry. */
  handlers: 'apps/worker/src/handlers/create-handlers.ts',
  /** `testHandlers()`: a stand-in per type for queue-core's own specs. */
  testHandlers: 'libs/queue-core/src/testing/test-handlers.ts',
} as const;

function read(tree: Tree, path: string): string {
  const text = tree.read(path, 'utf-8');
  if (text === null) {
    throw new Error(
      `${path} is missing: run the generator from the Errand workspace root.`,
    );
  }
  return text;
}

function edit(tree: Tree, path: string, change: (text: string) => string) {
  try {
    tree.write(path, change(read(tree, path)));
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new Error(`Could not update ${path}: ${message}`);
  }
}

/** The job types the catalog lists, in catalog order. */
export function catalogTypes(tree: Tree): string[] {
  return registryKeys(read(tree, REGISTRIES.catalog));
}

/** Adds the new type to the catalog, the contracts' exports and both maps. */
export function registerJobType(tree: Tree, names: JobTypeNames): void {
  const { type, fileName, className, propertyName } = names;
  const job = `../jobs/${fileName}.job`;
  edit(tree, REGISTRIES.catalog, text =>
    addRegistryEntry(
      addModuleStatement(
        text,
        `import { ${propertyName}Job } from '${job}';`,
        job,
        /^\.\.\/jobs\//,
      ),
      `'${type}': ${propertyName}Job`,
    ),
  );

  // Public for producers before any code here imports them: `@public`
  // keeps `npm run lint:unused` from reporting the new door names.
  const exported = `./jobs/${fileName}.job`;
  edit(tree, REGISTRIES.contractsIndex, text =>
    addModuleStatement(
      text,
      `/** @public */\nexport { ${className}Payload, ${className}Result } from '${exported}';`,
      exported,
      /^\.\/jobs\//,
    ),
  );

  const handler = `./${fileName}.handler`;
  edit(tree, REGISTRIES.handlers, text =>
    addRegistryEntry(
      addModuleStatement(
        text,
        `import { ${propertyName}Handler } from '${handler}';`,
        handler,
        /^\.\/.*\.handler$/,
      ),
      `'${type}': ${propertyName}Handler`,
    ),
  );

  // A stand-in that cannot break when the contract changes: queue-core's
  // specs never run this type, and one that does overrides it.
  edit(tree, REGISTRIES.testHandlers, text =>
    addRegistryEntry(
      text,
      `'${type}': async () => discard('no test handler for ${type}')`,
    ),
  );
  if (!importsName(read(tree, REGISTRIES.testHandlers), 'discard')) {
    logger.warn(
      `${REGISTRIES.testHandlers} does not import discard from its outcome module: add it.`,
    );
  }
}
