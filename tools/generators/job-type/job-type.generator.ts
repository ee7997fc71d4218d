import { join } from 'node:path';
import {
  formatFiles,
  generateFiles,
  logger,
  type GeneratorCallback,
  type Tree,
} from '@nx/devkit';
import { jobTypeNames, type JobTypeNames } from './job-type-names';
import { catalogTypes, REGISTRIES, registerJobType } from './register-job-type';
import type { JobTypeGeneratorSchema } from './schema';

/** The files a new type gets, relative to the workspace root. */
function jobTypeFiles({ fileName }: JobTypeNames): string[] {
  return [
    `libs/contracts/src/jobs/${fileName}.job.ts`,
    `libs/contracts/src/jobs/${fileName}.job.spec.ts`,
    `apps/worker/src/handlers/${fileName}.handler.ts`,
    `apps/worker/src/handlers/${fileName}.handler.spec.ts`,
  ];
}

/** `text` as a single-quoted TypeScript string literal. */
function quote(text: string): string {
  return `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

/**
 * `nx g @errand/tools:job-type sms.send`: writes the type's contract and
 * handler with a spec each, and registers it in the catalog, the contracts'
 * exports, the worker's handler map and queue-core's test handlers. The
 * workspace then compiles and its tests pass; the business logic is what
 * is left to write.
 */
export default async function jobTypeGenerator(
  tree: Tree,
  options: JobTypeGeneratorSchema,
): Promise<GeneratorCallback> {
  const names = jobTypeNames(options.name);
  if (catalogTypes(tree).includes(names.type)) {
    throw new Error(`${names.type} is already in ${REGISTRIES.catalog}.`);
  }
  for (const path of jobTypeFiles(names)) {
    if (tree.exists(path)) throw new Error(`${path} already exists.`);
  }

  const description =
    options.description?.replace(/\s+/g, ' ').trim() ||
    `Runs one ${names.type} job.`;
  generateFiles(tree, join(__dirname, 'files'), '.', {
    ...names,
    description: quote(description),
    docLine: description.replace(/\*\//g, '*\\/'),
  });
  registerJobType(tree, names);
  if (!options.skipFormat) await formatFiles(tree);

  const [contract, , handler] = jobTypeFiles(names);
  return () =>
    logger.info(
      `${names.type} is registered. Next: its fields in ${contract}, its work in ${handler}, then a row in the job types table of docs/job-types.md.`,
    );
}
