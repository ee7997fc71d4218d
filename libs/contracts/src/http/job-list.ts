import { Type, type Static } from '@sinclair/typebox';
import { JobStatus } from '../catalog/job-status';
import { JobView } from './job-view';

/** Jobs one `GET /jobs` page holds by default. */
export const DEFAULT_JOB_PAGE = 50;
/** The most jobs one `GET /jobs` page may hold. */
const MAX_JOB_PAGE = 500;

/** The query of `GET /jobs`. */
export const JobListQuery = Type.Object(
  {
    status: Type.Optional(
      Type.Union(JobStatus.anyOf, {
        description: 'Only jobs with this status; all if left out.',
      }),
    ),
    type: Type.Optional(
      Type.String({
        minLength: 1,
        description: 'Only jobs of this type; all types if left out.',
      }),
    ),
    limit: Type.Optional(
      Type.Integer({
        minimum: 1,
        maximum: MAX_JOB_PAGE,
        default: DEFAULT_JOB_PAGE,
        description: `Jobs per page, 1 to ${MAX_JOB_PAGE}.`,
      }),
    ),
    cursor: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 200,
        description:
          "The previous page's `nextCursor`: the jobs created before the last one it listed.",
      }),
    ),
  },
  { additionalProperties: false },
);
export type JobListQuery = Static<typeof JobListQuery>;

/** One page of `GET /jobs`, newest first (by creation time, then id). */
export const JobList = Type.Object(
  {
    jobs: Type.Array(JobView, { description: 'Jobs without their timeline.' }),
    nextCursor: Type.Union([Type.String(), Type.Null()], {
      description: 'Pass as `cursor` for the next page; `null` on the last.',
    }),
  },
  { additionalProperties: false },
);
export type JobList = Static<typeof JobList>;
