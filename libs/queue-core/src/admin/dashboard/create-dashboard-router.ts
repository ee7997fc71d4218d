import type { IncomingMessage, ServerResponse } from 'node:http';
import { createBullBoard } from '@bull-board/api';
import { ExpressAdapter } from '@bull-board/express';
import type { Queue } from 'bullmq';
import { jobTypes } from '@errand/contracts';
import type { JobStore } from '../../store/job-store';
import { RedactingBullMQAdapter } from './redacting-bullmq-adapter';

/** An Express-compatible handler, typed without importing Express here. */
export type DashboardHandler = (
  req: IncomingMessage,
  res: ServerResponse,
  next: (error?: unknown) => void,
) => void;

type BoardServer = Parameters<typeof createBullBoard>[0]['serverAdapter'];

/** Where and how the dashboard is served. */
export interface DashboardOptions {
  /** The path the app mounts the handler at, e.g. `/admin/queues`. */
  basePath: string;
}

/**
 * Bull Board over every job type's queue, as one handler for the app to
 * mount (behind its own access check) at `basePath`. Read-only: retries,
 * cancels and removals go through the API and the inspector, which keep
 * each job's timeline; the board only looks. Job data and job scheduler
 * templates pass through the same redaction as `GET /jobs/:id` and
 * `GET /schedules` (see {@link RedactingBullMQAdapter}), so sensitive
 * fields show `[redacted]`.
 * While Redis is down it answers `queue.unavailable` like the API.
 */
export function createDashboardRouter(
  queues: JobStore,
  { basePath }: DashboardOptions,
): DashboardHandler {
  const serverAdapter = new ExpressAdapter().setBasePath(basePath);
  const board = createBullBoard({
    queues: [],
    // @bull-board/express pins its own copy of @bull-board/api, whose
    // private fields make the types differ; the objects are the same shape.
    serverAdapter: serverAdapter as unknown as BoardServer,
    options: { uiConfig: { boardTitle: 'Errand' } },
  });
  const handle = serverAdapter.getRouter() as DashboardHandler;

  // The set replaces a queue whose first connect failed (see JobStore), so
  // the board follows the set's current queues instead of keeping the
  // ones it first saw.
  let shown: Queue[] = [];
  const showCurrentQueues = () => {
    // Every queue of each type: on a cluster its flow shards' too.
    const current = jobTypes.flatMap(type =>
      queues.queuesOf(type).map(queue => ({ type, queue })),
    );
    if (
      current.length === shown.length &&
      current.every(({ queue }, i) => queue === shown[i])
    ) {
      return;
    }
    shown = current.map(({ queue }) => queue);
    board.replaceQueues(
      current.map(({ type, queue }) => new RedactingBullMQAdapter(queue, type)),
    );
  };

  // Bull Board talks to Redis over the queues' fail-fast connection: wait
  // for its first connect, and answer 503 (not Bull Board's 500) while
  // Redis is away.
  return (req, res, next) => {
    queues.ping().then(() => {
      showCurrentQueues();
      handle(req, res, next);
    }, next);
  };
}
