import { Type, type Static } from '@sinclair/typebox';
import { EnqueueAccepted } from './enqueue-accepted';
import { LOWEST_PRIORITY, MAX_RETRIES } from './enqueue-request';
import { JobView } from './job-view';

/*
 * The shapes of the compatibility routes (docs/migrating.md): Errand's own
 * answers plus the snake_case fields the clients of the queues it replaces
 * read. Nothing here is new data: `task_id` is `id`, `created_at` is
 * `createdAt`.
 */

const taskId = Type.String({ description: 'The same as `id`.' });
const createdAt = Type.String({
  format: 'date-time',
  description: 'The same as `createdAt`.',
});

/** The body of `POST /tasks`: the field names of the queue it replaces. */
export const TasksRequest = Type.Object(
  {
    task_type: Type.String({
      minLength: 1,
      description: 'The job type or one of its aliases (`type`).',
    }),
    payload: Type.Unknown({
      description: "The job's input, checked against the type's contract.",
    }),
    max_retries: Type.Optional(
      Type.Integer({
        minimum: 0,
        maximum: MAX_RETRIES,
        description: 'Retries after a failed first attempt (`retries`).',
      }),
    ),
    priority: Type.Optional(
      Type.Integer({
        minimum: 0,
        maximum: LOWEST_PRIORITY,
        description:
          "Errand's `priority`, passed on unchanged: 0 runs first, larger numbers run later (10 runs after every job of priority 0 to 9; most types default to 0).",
      }),
    ),
  },
  { additionalProperties: false },
);
export type TasksRequest = Static<typeof TasksRequest>;

/** The answer to `POST /jobs`: `EnqueueAccepted` plus `created_at`. */
export const JobsAccepted = Type.Composite(
  [EnqueueAccepted, Type.Object({ created_at: createdAt })],
  { additionalProperties: false },
);
export type JobsAccepted = Static<typeof JobsAccepted>;

/**
 * The answer to `POST /task` and `POST /tasks`: `EnqueueAccepted` plus
 * `task_id` and `created_at`.
 */
export const TaskAccepted = Type.Composite(
  [EnqueueAccepted, Type.Object({ task_id: taskId, created_at: createdAt })],
  { additionalProperties: false },
);
export type TaskAccepted = Static<typeof TaskAccepted>;

/**
 * The answer to `GET /task/:id` and `GET /tasks/:id`: the `JobView` of
 * `GET /jobs/:id` plus `task_id` and `created_at`.
 */
export const TaskView = Type.Composite(
  [JobView, Type.Object({ task_id: taskId, created_at: createdAt })],
  { additionalProperties: false },
);
export type TaskView = Static<typeof TaskView>;
