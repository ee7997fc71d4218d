import {
  DeadLetterQuery,
  ErrorCode,
  type JsonSchema,
  MAX_REPLAY_JOBS,
  REPLAY_ANSWER_WITHIN_MS,
  ReplayRequest,
  ReplayResult,
  toJsonSchema,
} from '@errand/contracts';
import { Type } from '@sinclair/typebox';
import type { OpenApiParameter, OpenApiPaths } from './openapi-object';
import { problemResponse, queueUnavailable } from './problem-responses';
import { componentRef } from './schema-names';

/** The document's tag for the dead-letter queue. */
export const deadLetterTag = {
  name: 'dead letter',
  description:
    'Jobs that used up their attempts or were discarded: list them, and replay them, patched or not, at a bounded rate.',
};

/** `DeadLetterPage` with each job as a `$ref` to `JobView`. */
const DeadLetterPage = Type.Object(
  {
    jobs: Type.Array(Type.Unsafe(componentRef('JobView')), {
      description:
        'Dead jobs, most recently dead first, without their timeline; `lastError` says why each died.',
    }),
    nextCursor: Type.Union([Type.String(), Type.Null()], {
      description: 'Pass as `cursor` for the next page; `null` on the last.',
    }),
  },
  { additionalProperties: false },
);

/** The component schemas the dead-letter paths refer to. */
export function deadLetterSchemas(): Record<string, JsonSchema> {
  return {
    DeadLetterPage: toJsonSchema(DeadLetterPage),
    ReplayRequest: toJsonSchema(ReplayRequest),
    ReplayResult: toJsonSchema(ReplayResult),
  };
}

const queryParameters: OpenApiParameter[] = Object.entries(
  DeadLetterQuery.properties,
).map(([name, schema]) => {
  const { description = '', ...rest } = toJsonSchema(schema);
  return {
    name,
    in: 'query',
    required: false,
    description: String(description),
    schema: rest,
  };
});

const replayResult = {
  'application/json': { schema: componentRef('ReplayResult') },
};

/** `GET /dead-letter` and `POST /dead-letter/replay`. */
export function deadLetterPaths(): OpenApiPaths {
  return {
    '/dead-letter': {
      get: {
        operationId: 'listDeadJobs',
        summary: 'List dead jobs',
        description:
          "Dead jobs, most recently dead first, one page at a time. The cursor is a position (when the last job of the page died, and its id), so pages stay stable while other jobs die or are replayed. Dead jobs are kept 7 days or the newest 10 000 per type by default (`RETENTION_DEAD_AGE_S`, `RETENTION_DEAD_COUNT`). Each job's full timeline is at `GET /jobs/{id}`.",
        tags: [deadLetterTag.name],
        parameters: queryParameters,
        responses: {
          '200': {
            description: 'One page.',
            content: {
              'application/json': { schema: componentRef('DeadLetterPage') },
            },
          },
          '400': problemResponse('A query parameter is invalid.', {
            [ErrorCode.invalidParameter]:
              '`limit` or `cursor` is invalid; `errors` names it (`/query/limit`).',
            [ErrorCode.unknownJobType]:
              'the catalog has no such type; `detail` names the known ones.',
          }),
          '503': queueUnavailable(),
        },
      },
    },
    '/dead-letter/replay': {
      post: {
        operationId: 'replayDeadJobs',
        summary: 'Replay dead jobs',
        description: `Sends dead jobs back to their queues: the listed \`ids\`, or the jobs of \`type\` that died \`since\` a time with an error containing \`errorContains\` (any case), up to ${MAX_REPLAY_JOBS} per request (\`more\` says when the filter matched more). Each keeps its id and history, gets its attempt counters reset, and gets a \`replayed\` event on its timeline (who asked, and the patch with sensitive values redacted).

An optional \`patch\` (JSON merge patch, RFC 7386) is applied to every job's payload and each result checked against its type's contract before any job moves: if one breaks it, the answer is a 400 listing each such job's fields as \`/jobs/{id}/payload/{field}\`, and nothing moves. \`dryRun\` answers what would move and moves nothing.

Jobs move at \`rate\` per second (default 50, at most 1 000). A replay whose last job moves within ${REPLAY_ANSWER_WITHIN_MS / 1_000} s is answered once done (200, \`state: done\`); a longer one is answered at once (202, \`state: running\`) and goes on in the background in the API process. Jobs that stopped being dead before their turn are listed in \`skipped\`.`,
        tags: [deadLetterTag.name],
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: componentRef('ReplayRequest'),
              examples: {
                byIds: {
                  summary: 'Two jobs by id',
                  value: {
                    ids: [
                      '0b9c4c5e-8a43-4f7e-9a59-3f0f1c2d3e4f',
                      '7d1e2f3a-4b5c-4d6e-8f70-8192a3b4c5d6',
                    ],
                  },
                },
                byFilter: {
                  summary: 'A filter, with a patch, slowly',
                  value: {
                    type: 'email.send',
                    since: '2030-06-01T12:00:00Z',
                    errorContains: 'mailbox full',
                    patch: { replyTo: 'support@example.com' },
                    rate: 10,
                  },
                },
                dryRun: {
                  summary: 'What would move',
                  value: { type: 'system.fail', dryRun: true },
                },
              },
            },
          },
        },
        responses: {
          '200': {
            description:
              'Done (`state: done`), or a dry run (`state: planned`).',
            content: replayResult,
          },
          '202': {
            description:
              'Too long to wait for: the jobs in `jobs` are moving in the background (`state: running`).',
            content: replayResult,
          },
          '400': problemResponse('The body or the patch breaks a contract.', {
            [ErrorCode.invalidRequest]:
              'the body is wrong, picks no jobs, or picks them both by ids and by filter; `errors` points at each field.',
            [ErrorCode.invalidPayload]:
              "the patch breaks some jobs' contracts; `errors` lists `/jobs/{id}/payload/{field}`. Nothing moved.",
            [ErrorCode.unknownJobType]:
              'the catalog has no such type; `detail` names the known ones.',
            [ErrorCode.malformedJson]: 'the body is not valid JSON.',
          }),
          '413': problemResponse('The body is too large.', {
            [ErrorCode.bodyTooLarge]: 'the body is over 2 MB.',
          }),
          '415': problemResponse('The body is not JSON.', {
            [ErrorCode.unsupportedMediaType]:
              'send `Content-Type: application/json`.',
          }),
          '503': queueUnavailable(),
        },
      },
    },
  };
}
