import { Router } from 'express';
import {
  parseDeadLetterQuery,
  parseReplayRequest,
  type DeadLetterPage,
  type ReplayResult,
} from '@errand/contracts';
import {
  listDeadJobs,
  replayDeadJobs,
  type JobStore,
} from '@errand/queue-core';
import type { Logger } from '@errand/runtime';
import { principalOf } from '../auth/principal-of';
import { jsonBody } from '../http/json-body';
import { requestLogFields } from '../http/request-context';
import { jobViewFor } from './job-view-for';

/** What an operator reads in the log about a replay. */
function summary(result: ReplayResult, by: string) {
  return {
    by,
    state: result.state,
    jobs: result.jobs.length,
    skipped: result.skipped.length,
    rate: result.rate,
    more: result.more,
  };
}

/**
 * `GET /dead-letter`: dead jobs, most recently dead first, a page at a
 * time. `POST /dead-letter/replay`: sends dead jobs back, by ids or by
 * filter, optionally patched, at a bounded rate. A replay that fits in
 * `REPLAY_ANSWER_WITHIN_MS` answers `200` once done; a longer one answers
 * `202` at once and goes on in this process (it stops if the process does;
 * the jobs not yet moved stay dead, and replaying again picks them up).
 * Each replay is logged, with who asked (the API key's name, `api` when
 * the API runs without keys).
 *
 * @param bodyLimit - the largest replay body: 10 000 ids need more than a
 *   `POST /enqueue` body.
 */
export function deadLetterRouter(
  queues: JobStore,
  logger: Logger,
  bodyLimit: string,
): Router {
  const router = Router();
  router.get('/dead-letter', async (req, res) => {
    const page = await listDeadJobs(queues, parseDeadLetterQuery(req.query));
    const principal = principalOf(res);
    res.json({
      ...page,
      jobs: page.jobs.map(job => jobViewFor(principal, job)),
    } satisfies DeadLetterPage);
  });
  router.post(
    '/dead-letter/replay',
    ...jsonBody(bodyLimit),
    async (req, res) => {
      const request = parseReplayRequest(req.body);
      const by = principalOf(res).name;
      const fields = requestLogFields(res.locals);
      const { result, background } = await replayDeadJobs(queues, request, {
        by,
      });
      logger.info('dead-letter replay', { ...fields, ...summary(result, by) });
      background?.then(
        done =>
          logger.info('dead-letter replay finished', {
            ...fields,
            ...summary(done, by),
          }),
        (error: unknown) =>
          logger.error('dead-letter replay stopped; the rest stay dead', {
            ...fields,
            by,
            error: error instanceof Error ? error.message : String(error),
          }),
      );
      res.status(background ? 202 : 200).json(result);
    },
  );
  return router;
}
