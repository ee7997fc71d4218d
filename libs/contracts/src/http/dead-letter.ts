import { Type, type Static } from '@sinclair/typebox';
import { JobView } from './job-view';

/** Dead jobs one `GET /dead-letter` page holds by default. */
export const DEFAULT_DEAD_LETTER_PAGE = 20;
/** The most dead jobs one `GET /dead-letter` page may hold. */
export const MAX_DEAD_LETTER_PAGE = 100;
/** The most jobs one `POST /dead-letter/replay` moves. */
export const MAX_REPLAY_JOBS = 10_000;
/** Jobs per second a replay moves unless it says otherwise. */
export const DEFAULT_REPLAY_RATE = 50;
/** The fastest a replay may go, in jobs per second. */
export const MAX_REPLAY_RATE = 1_000;
/**
 * A replay that takes at most this long at its rate is answered once done
 * (`200`); a longer one is answered `202` at once and goes on in the
 * background.
 */
export const REPLAY_ANSWER_WITHIN_MS = 5_000;

/** The query of `GET /dead-letter`. */
export const DeadLetterQuery = Type.Object(
  {
    type: Type.Optional(
      Type.String({
        minLength: 1,
        description: 'Only dead jobs of this type; all types if left out.',
      }),
    ),
    limit: Type.Optional(
      Type.Integer({
        minimum: 1,
        maximum: MAX_DEAD_LETTER_PAGE,
        default: DEFAULT_DEAD_LETTER_PAGE,
        description: `Jobs per page, 1 to ${MAX_DEAD_LETTER_PAGE}.`,
      }),
    ),
    cursor: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 200,
        description:
          "The previous page's `nextCursor`: the page after it, stable while jobs die or leave.",
      }),
    ),
  },
  { additionalProperties: false },
);
export type DeadLetterQuery = Static<typeof DeadLetterQuery>;

/** One page of `GET /dead-letter`, most recently dead first. */
export const DeadLetterPage = Type.Object(
  {
    jobs: Type.Array(JobView, {
      description:
        'Dead jobs without their timeline; `lastError` says why each died.',
    }),
    nextCursor: Type.Union([Type.String(), Type.Null()], {
      description: 'Pass as `cursor` for the next page; `null` on the last.',
    }),
  },
  { additionalProperties: false },
);
export type DeadLetterPage = Static<typeof DeadLetterPage>;

/**
 * The body of `POST /dead-letter/replay`: which dead jobs, either `ids` or
 * a filter (`type`, and optionally `since` and `errorContains`), and how.
 */
export const ReplayRequest = Type.Object(
  {
    ids: Type.Optional(
      Type.Array(Type.String({ minLength: 1, maxLength: 100 }), {
        minItems: 1,
        maxItems: MAX_REPLAY_JOBS,
        uniqueItems: true,
        description: 'The dead jobs to replay, by id. Not with a filter.',
      }),
    ),
    type: Type.Optional(
      Type.String({
        minLength: 1,
        description: 'Filter: replay the dead jobs of this type.',
      }),
    ),
    since: Type.Optional(
      Type.String({
        format: 'date-time',
        description: 'Filter: only jobs that died at or after this time.',
      }),
    ),
    errorContains: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 500,
        description:
          'Filter: only jobs whose last error contains this text, any case.',
      }),
    ),
    patch: Type.Optional(
      Type.Unknown({
        description:
          "A JSON merge patch (RFC 7386) applied to each job's payload. Every patched payload is checked against its type's contract before any job moves.",
      }),
    ),
    dryRun: Type.Optional(
      Type.Boolean({
        description: 'Answer what would move, and move nothing.',
      }),
    ),
    rate: Type.Optional(
      Type.Integer({
        minimum: 1,
        maximum: MAX_REPLAY_RATE,
        default: DEFAULT_REPLAY_RATE,
        description: `Jobs moved per second, 1 to ${MAX_REPLAY_RATE}, so that a mass replay does not flood the services the jobs call.`,
      }),
    ),
  },
  { additionalProperties: false },
);
export type ReplayRequest = Static<typeof ReplayRequest>;

/** A job a replay moves, moved or would move. */
export const ReplayedJob = Type.Object(
  { id: Type.String(), type: Type.String() },
  { additionalProperties: false },
);
export type ReplayedJob = Static<typeof ReplayedJob>;

/** A job a replay left alone, and why (`code` as in problem bodies). */
export const SkippedJob = Type.Object(
  { id: Type.String(), code: Type.String(), message: Type.String() },
  { additionalProperties: false },
);
export type SkippedJob = Static<typeof SkippedJob>;

/** The answer to `POST /dead-letter/replay`. */
export const ReplayResult = Type.Object(
  {
    state: Type.Union(
      [Type.Literal('planned'), Type.Literal('done'), Type.Literal('running')],
      {
        description:
          '`planned`: a dry run, nothing moved; `done`: every job in `jobs` has moved; `running`: the jobs in `jobs` are moving in the background, at `rate`.',
      },
    ),
    rate: Type.Integer({ minimum: 1, description: 'Jobs per second.' }),
    jobs: Type.Array(ReplayedJob, {
      description:
        'The jobs that moved, would move (dry run) or are moving, oldest death first (or in the order of `ids`).',
    }),
    skipped: Type.Array(SkippedJob, {
      description:
        'Jobs left where they are: not found, not dead, or no longer dead when their turn came.',
    }),
    more: Type.Boolean({
      description: `True when the filter matched more than ${MAX_REPLAY_JOBS} jobs: replay again for the rest.`,
    }),
  },
  { additionalProperties: false },
);
export type ReplayResult = Static<typeof ReplayResult>;
