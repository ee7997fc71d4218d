import type { ErrorRequestHandler, RequestHandler } from 'express';
import { ErrandError, ErrorCode } from '@errand/contracts';
import type { Logger } from '@errand/runtime';
import { requestLogFields } from './request-context';
import { toProblem } from './to-problem';

/** Answers every route nobody matched with a JSON 404. */
export const routeNotFound: RequestHandler = req => {
  throw new ErrandError(
    ErrorCode.routeNotFound,
    `No route ${req.method} ${req.path}.`,
  );
};

/** The single error handler, mounted last: every failure becomes a problem. */
export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (error, req, res, _next) => {
    const problem = toProblem(error);
    if (problem.code === ErrorCode.internal) {
      logger.error('request failed', {
        ...requestLogFields(res.locals),
        method: req.method,
        path: req.path,
        error,
      });
    }
    if (problem.code === ErrorCode.queueUnavailable)
      res.set('Retry-After', '1');
    // A refusal that knows when to come back (queue.full, rateLimited).
    const retryAfter = (error as { retryAfterSeconds?: unknown })
      ?.retryAfterSeconds;
    if (typeof retryAfter === 'number') res.set('Retry-After', `${retryAfter}`);
    if (problem.code === ErrorCode.unauthenticated) {
      res.set('WWW-Authenticate', 'Bearer realm="errand"');
    }
    res.status(problem.status).type('application/problem+json').json(problem);
  };
}
