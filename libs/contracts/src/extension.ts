/**
 * `@errand/contracts/extension`: what a job type extension needs (see
 * catalog/job-type-extensions.ts), and nothing that loads the catalog, so
 * a preloaded module can register its type before the catalog is built.
 */
export { defineJob } from './catalog/job-definition';
export { registerJobTypeExtension } from './catalog/job-type-extensions';
export { completed, discard, type Outcome } from './handler/outcome';
export type { JobContext } from './handler/job-handler';
