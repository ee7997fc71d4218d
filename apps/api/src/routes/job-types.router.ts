import { Router } from 'express';
import { describeJobTypes } from '@errand/contracts';

/**
 * `GET /job-types`: every job type with its payload and result JSON Schemas,
 * version, defaults, description and example, from the catalog.
 */
export function jobTypesRouter(): Router {
  const router = Router();
  const list = describeJobTypes();
  router.get('/job-types', (_req, res) => {
    res.json(list);
  });
  return router;
}
