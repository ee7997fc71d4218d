import type { Static } from '@sinclair/typebox';
import { emailSendJob } from '../jobs/email-send.job';
import { imageResizeJob } from '../jobs/image-resize.job';
import { pdfRenderJob } from '../jobs/pdf-render.job';
import { systemFailJob } from '../jobs/system-fail.job';
import { systemNoopJob } from '../jobs/system-noop.job';
import { systemSleepJob } from '../jobs/system-sleep.job';
import { webhookDeliverJob } from '../jobs/webhook-deliver.job';
import type { JobDefinition } from './job-definition';
import { jobTypeExtensions } from './job-type-extensions';

/**
 * Every job type Errand knows, by its dotted name. The API's validation, the
 * worker's handler map, the CLI's printing and the OpenAPI document all derive
 * from this one object: adding a type here without a worker handler fails to
 * compile.
 */
const builtInCatalog = {
  'email.send': emailSendJob,
  'system.noop': systemNoopJob,
  'system.sleep': systemSleepJob,
  'system.fail': systemFailJob,
  'webhook.deliver': webhookDeliverJob,
  'image.resize': imageResizeJob,
  'pdf.render': pdfRenderJob,
} as const satisfies Record<string, JobDefinition>;

/**
 * The built-in types, then any registered through the extension point
 * (job-type-extensions.ts) before this module loaded: none in Errand's own
 * processes. Types only know the built-in ones.
 */
export const jobCatalog: typeof builtInCatalog = Object.assign(
  {},
  builtInCatalog,
  Object.fromEntries(jobTypeExtensions().map(e => [e.name, e.definition])),
);

/** The catalog's shape. */
type JobCatalog = typeof builtInCatalog;

/** A job type name, such as `email.send`. */
export type JobType = keyof JobCatalog;

/** The payload a job type takes. */
export type PayloadOf<T extends JobType> = Static<JobCatalog[T]['payload']>;

/** The result a job type returns. */
export type ResultOf<T extends JobType> = Static<JobCatalog[T]['result']>;

/** All job type names, in catalog order. */
export const jobTypes = Object.keys(jobCatalog) as JobType[];

/** Narrows a string to a job type the catalog lists. */
export function isJobType(value: string): value is JobType {
  return Object.hasOwn(jobCatalog, value);
}
