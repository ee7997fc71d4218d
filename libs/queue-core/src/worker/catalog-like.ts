import type { JobDefinition, JobType } from '@errand/contracts';

/** The contracts a worker runs jobs against. */
export type CatalogLike = Readonly<Record<JobType, JobDefinition>>;
