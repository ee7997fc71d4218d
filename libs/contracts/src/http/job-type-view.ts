import { Type, type Static } from '@sinclair/typebox';
import { LOWEST_PRIORITY, MAX_RETRIES } from './enqueue-request';

/** A JSON Schema (2020-12) document, as `GET /job-types` shows one. */
const JsonSchemaObject = Type.Record(Type.String(), Type.Unknown(), {
  description: 'A JSON Schema (2020-12).',
});

/** Another name a job type answers to, and how its payload is adapted. */
const JobAliasView = Type.Object(
  {
    name: Type.String({ description: 'The alias, such as `send_email`.' }),
    renames: Type.Record(Type.String(), Type.String(), {
      description:
        "Payload fields the alias's clients send under another name, `{aliasField: typeField}`; empty when the payload is the type's own.",
    }),
  },
  { additionalProperties: false },
);
type JobAliasView = Static<typeof JobAliasView>;

/** One job type as `GET /job-types` lists it: its contract and defaults. */
const JobTypeView = Type.Object(
  {
    type: Type.String({
      description: 'The dotted name, such as `email.send`.',
    }),
    description: Type.String(),
    version: Type.Integer({
      minimum: 1,
      description: 'The payload version; it goes up when the payload changes.',
    }),
    defaults: Type.Object(
      {
        retries: Type.Integer({ minimum: 0, maximum: MAX_RETRIES }),
        priority: Type.Integer({ minimum: 0, maximum: LOWEST_PRIORITY }),
        timeoutMs: Type.Integer({ minimum: 1 }),
        backoff: Type.Optional(
          Type.Union(
            [
              Type.Object(
                {
                  strategy: Type.Literal('exponential'),
                  baseMs: Type.Integer({ minimum: 0 }),
                  capMs: Type.Integer({ minimum: 0 }),
                  jitter: Type.Number({ minimum: 0, maximum: 1 }),
                },
                { additionalProperties: false },
              ),
              Type.Object(
                {
                  strategy: Type.Literal('fixed'),
                  delayMs: Type.Integer({ minimum: 0 }),
                  jitter: Type.Number({ minimum: 0, maximum: 1 }),
                },
                { additionalProperties: false },
              ),
              Type.Object(
                { strategy: Type.Literal('custom'), name: Type.String() },
                { additionalProperties: false },
              ),
            ],
            {
              description:
                "How failed attempts are spaced; absent: the worker's default policy.",
            },
          ),
        ),
      },
      {
        additionalProperties: false,
        description: 'What a request that leaves an option out gets.',
      },
    ),
    payloadSchema: JsonSchemaObject,
    resultSchema: JsonSchemaObject,
    example: Type.Unknown({ description: 'A valid payload.' }),
    aliases: Type.Array(JobAliasView, {
      description:
        'Other names the type may be enqueued under (see docs/migrating.md); the job is stored under `type`.',
    }),
  },
  { additionalProperties: false },
);
type JobTypeView = Static<typeof JobTypeView>;

/** The answer to `GET /job-types`: every type, in catalog order. */
export const JobTypeList = Type.Object(
  { types: Type.Array(JobTypeView) },
  { additionalProperties: false },
);
export type JobTypeList = Static<typeof JobTypeList>;
