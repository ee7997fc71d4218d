import type { JobDefinition } from './job-definition';

/**
 * A job type added from outside the catalog, with the handler a worker
 * runs for it. Errand's apps never register one; a harness that needs a
 * type of its own (the chaos suite, tools/chaos) registers it from a
 * module preloaded with `node --import <module>`, before the app's code
 * loads, in its own processes only. The catalog,
 * hence the API's validation and the worker's queues, then include it,
 * and the worker runs its handler. Keeping such types out of the catalog
 * keeps them out of the production bundles.
 */
export interface JobTypeExtension {
  /** A dotted name the catalog does not use. */
  name: string;
  definition: JobDefinition;
  /**
   * What a worker runs for it: a {@link JobHandler} of the type's payload
   * and result, typed loosely here since the type is not in `JobType`.
   */
  handler: (payload: never, context: never) => Promise<unknown>;
}

// A global, not a module variable: a bundled app carries its own copy of
// this lib, which a preloaded module importing the lib's sources cannot
// reach otherwise.
const REGISTRY = Symbol.for('errand.job-type-extensions');
interface Registry {
  extensions: JobTypeExtension[];
  /** A catalog was built: a later extension would be missing from it. */
  read: boolean;
}

function registry(): Registry {
  const holder = globalThis as { [REGISTRY]?: Registry };
  return (holder[REGISTRY] ??= { extensions: [], read: false });
}

/**
 * Adds `extension` to the catalog this process builds. Call it from a
 * module preloaded before the app (see {@link JobTypeExtension}) that
 * imports `@errand/contracts/extension` only: the main door loads the
 * catalog, after which registering throws rather than being half seen.
 */
export function registerJobTypeExtension(extension: JobTypeExtension): void {
  const found = registry();
  if (found.read) {
    throw new Error(
      `Job type ${extension.name} registered after the catalog was built: preload its module before the app.`,
    );
  }
  found.extensions.push(extension);
}

/** The extensions registered in this process, in order. */
export function jobTypeExtensions(): readonly JobTypeExtension[] {
  const found = registry();
  found.read = true;
  return found.extensions;
}
