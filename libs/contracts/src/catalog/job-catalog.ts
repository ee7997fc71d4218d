import type { Static } from '@sinclair/typebox';
import { emailSendJob } from '../jobs/email-send.job';
import { imageResizeJob } from '../jobs/image-resize.job';
import { pdfRenderJob } from '../jobs/pdf-render.job';
import { systemFailJob } from '../jobs/system-fail.job';
import { systemLedgerJob } from '../jobs/system-ledger.job';
import { systemNoopJob } from '../jobs/system-noop.job';
import { systemSleepJob } from '../jobs/system-sleep.job';
import { webhookDeliverJob } from '../jobs/webhook-deliver.job';
import type { JobDefinition } from './job-definition';

/**
 * Every job type Errand knows, by its dotted name. The API's validation, the
 * worker's handler map, the CLI's printing and the OpenAPI document all derive
 * from this one object: adding a type here without a worker handler fails to
 * compile.
 */
export const jobCatalog = {
  'email.send': emailSendJob,
  'system.noop': systemNoopJob,
  'system.sleep': systemSleepJob,
  'system.fail': systemFailJob,
  'system.ledger': systemLedgerJob,
  'webhook.deliver': webhookDeliverJob,
  'image.resize': imageResizeJob,
  'pdf.render': pdfRenderJob,
} as const satisfies Record<string, JobDefinition>;

/** The catalog's shape. */
export type JobCatalog = typeof jobCatalog;

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
