import { Router } from 'express';
import type { ScheduleList } from '@errand/contracts';
import { listSchedules, type JobStore } from '@errand/queue-core';

/**
 * `GET /schedules`: the recurring schedules the workers reconciled from the
 * schedules file, by name, each with its next run time.
 */
export function schedulesRouter(queues: JobStore): Router {
  const router = Router();
  router.get('/schedules', async (_req, res) => {
    const list: ScheduleList = { schedules: await listSchedules(queues) };
    res.json(list);
  });
  return router;
}
