import { Type, type Static } from '@sinclair/typebox';
import { defineJob } from '@errand/contracts/extension';

/**
 * Ways a `system.ledger` job misbehaves on purpose, for the chaos suite's
 * poison-job scenario and its checker self-test. A worker runs them only
 * when started with `ERRAND_CHAOS=1`; any other worker discards the job.
 * - `exit`: the handler exits the worker process (a crash, e.g. an OOM kill);
 * - `hang`: the handler never ends and ignores its abort signal;
 * - `throw`: the handler throws a value that is not an `Error`;
 * - `twice`: the handler records its completion twice (a checker self-test).
 */
const SystemLedgerPoison = Type.Union([
  Type.Literal('exit'),
  Type.Literal('hang'),
  Type.Literal('throw'),
  Type.Literal('twice'),
]);
type SystemLedgerPoison = Static<typeof SystemLedgerPoison>;

/** How long the job works, and whether it misbehaves. */
export const SystemLedgerPayload = Type.Object(
  {
    ms: Type.Optional(
      Type.Integer({
        minimum: 0,
        maximum: 5_000,
        description: 'Time the job works between its two records, in ms.',
      }),
    ),
    poison: Type.Optional(SystemLedgerPoison),
    readChildren: Type.Optional(
      Type.Boolean({
        description:
          'Reads the outcomes of its children (a flow parent) and records how many succeeded in its done record.',
      }),
    ),
    ref: Type.Optional(
      Type.String({
        maxLength: 100,
        description:
          "The client's own reference, copied into the records: it matches a record to a request whose answer never came.",
      }),
    ),
  },
  { additionalProperties: false },
);
export type SystemLedgerPayload = Static<typeof SystemLedgerPayload>;

/** The worker process that ran the job to the end. */
export const SystemLedgerResult = Type.Object(
  { pid: Type.Integer({ minimum: 1 }) },
  { additionalProperties: false },
);
export type SystemLedgerResult = Static<typeof SystemLedgerResult>;

/**
 * `system.ledger`: the chaos suite's job. It appends a `start` and a `done`
 * record to the worker's ledger (under `LEDGER_DIR`) before it is
 * acknowledged, so a checker can compare what was acknowledged at enqueue
 * with what really ran.
 */
export const systemLedgerJob = defineJob({
  description:
    'Writes a start and a done record to the worker ledger (LEDGER_DIR), `ms` apart. For the chaos suite; discarded when the worker has no LEDGER_DIR.',
  payload: SystemLedgerPayload,
  result: SystemLedgerResult,
  version: 1,
  example: { ms: 10 },
  defaults: { retries: 2, priority: 0, timeoutMs: 10_000 },
});
