import { Router, type RequestHandler } from 'express';
import {
  parseEnqueueRequest,
  parseTasksRequest,
  type EnqueueAccepted,
  type JobsAccepted,
  type TaskAccepted,
  type TaskView,
  type ValidEnqueueRequest,
} from '@errand/contracts';
import { getJobView, type JobStore } from '@errand/queue-core';
import { principalOf } from '../auth/principal-of';
import { ownJobsOnly } from '../auth/own-jobs-only';
import { jsonBody } from '../http/json-body';
import {
  acceptEnqueue,
  sendAccepted,
  type EnqueueSettings,
} from './accept-enqueue';
import { jobViewFor } from './job-view-for';

const asJobs = (accepted: EnqueueAccepted): JobsAccepted => ({
  ...accepted,
  created_at: accepted.createdAt,
});

const asTask = (accepted: EnqueueAccepted): TaskAccepted => ({
  ...accepted,
  task_id: accepted.id,
  created_at: accepted.createdAt,
});

/**
 * The compatibility routes: the calls the clients of the queues Errand
 * replaces make, answered unchanged (docs/migrating.md says what each
 * answers and how to move to the canonical routes). Each enqueue turns its
 * body into the `POST /enqueue` request and runs {@link acceptEnqueue}, so
 * keys, scopes, caps, idempotency and validation are exactly /enqueue's;
 * authentication, rate limits and roles run before, as for every route.
 *
 * - `POST /jobs`: the /enqueue body; answers `EnqueueAccepted` + `created_at`.
 * - `POST /task`: the /enqueue body; answers + `task_id`, `created_at`.
 * - `POST /tasks`: `{task_type, payload, max_retries, priority}`; as /task.
 * - `GET /task/:id`, `GET /tasks/:id`: `JobView` + `task_id`, `created_at`.
 *
 * `GET /jobs/:id` is the canonical route itself (`status` and `result`).
 */
export function compatRouter(
  queues: JobStore,
  bodyLimit: string,
  settings: EnqueueSettings,
): Router {
  const router = Router();
  const enqueue = (
    path: string,
    parse: (body: unknown) => ValidEnqueueRequest,
    readAt: string,
    shape: (accepted: EnqueueAccepted) => object,
  ) =>
    router.post(path, ...jsonBody(bodyLimit), async (req, res) => {
      const outcome = await acceptEnqueue(queues, req, res, parse, settings);
      sendAccepted(res, outcome, `${readAt}/${outcome.accepted.id}`, shape);
    });
  enqueue('/jobs', parseEnqueueRequest, '/jobs', asJobs);
  enqueue('/task', parseEnqueueRequest, '/task', asTask);
  enqueue('/tasks', parseTasksRequest, '/tasks', asTask);

  // A producer reads only its own jobs here too (see own-jobs-only.ts).
  const readTask: RequestHandler[] = [
    ownJobsOnly(queues),
    async (req, res) => {
      const stored = await getJobView(queues, String(req.params['id']));
      // Shown exactly as GET /jobs/:id shows it to this key.
      const view = jobViewFor(principalOf(res), stored);
      const task: TaskView = {
        ...view,
        task_id: view.id,
        created_at: view.createdAt,
      };
      res.json(task);
    },
  ];
  router.get('/task/:id', ...readTask);
  router.get('/tasks/:id', ...readTask);
  return router;
}
