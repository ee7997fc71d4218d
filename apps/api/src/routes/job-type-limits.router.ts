import { Router } from 'express';
import { parseJobType, parseJobTypeLimits } from '@errand/contracts';
import {
  getJobTypeLimits,
  recordAudit,
  resetJobTypeLimits,
  setJobTypeLimits,
  type JobStore,
  type LimitDefaults,
} from '@errand/queue-core';
import type { Logger } from '@errand/runtime';
import { principalOf } from '../auth/principal-of';
import { jsonBody } from '../http/json-body';
import { requestLogFields } from '../http/request-context';

/**
 * `GET /job-types/{type}/limits`: a type's flow limits in force and where
 * they come from. `PUT` replaces all three (docs/flow-control.md); every
 * worker holds the new limits within a second, and the change is written
 * to the audit log and the API's log with who made it. Admin keys only
 * (route-roles.ts): these are not producer routes. An unknown type is a
 * 400 naming `/type`.
 */
export function jobTypeLimitsRouter(
  queues: JobStore,
  defaults: LimitDefaults,
  logger: Logger,
): Router {
  const router = Router();
  router.get('/job-types/:type/limits', async (req, res) => {
    const type = parseJobType(String(req.params.type));
    res.json(await getJobTypeLimits(queues, type, defaults));
  });
  router.put(
    '/job-types/:type/limits',
    ...jsonBody('4kb'),
    async (req, res) => {
      const type = parseJobType(String(req.params.type));
      const limits = parseJobTypeLimits(req.body);
      const before = await getJobTypeLimits(queues, type, defaults);
      const view = await setJobTypeLimits(queues, type, limits);
      const actor = principalOf(res).name;
      await recordAudit(queues, {
        actor,
        action: 'limits.set',
        count: 1,
        details: { type, limits, before: before.limits },
      });
      logger.info('job type limits set', {
        ...requestLogFields(res.locals),
        by: actor,
        type,
        limits,
      });
      res.json(view);
    },
  );
  router.delete('/job-types/:type/limits', async (req, res) => {
    const type = parseJobType(String(req.params.type));
    const before = await getJobTypeLimits(queues, type, defaults);
    const view = await resetJobTypeLimits(queues, type, defaults);
    const actor = principalOf(res).name;
    await recordAudit(queues, {
      actor,
      action: 'limits.reset',
      count: 1,
      details: { type, limits: view.limits, before: before.limits },
    });
    logger.info('job type limits reset', {
      ...requestLogFields(res.locals),
      by: actor,
      type,
      limits: view.limits,
      source: view.source,
    });
    res.json(view);
  });
  return router;
}
