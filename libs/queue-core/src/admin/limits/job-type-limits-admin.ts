import type {
  JobType,
  JobTypeLimits,
  JobTypeLimitsView,
} from '@errand/contracts';
import type { JobStore } from '../../store/job-store';
import {
  limitsInForce,
  readRuntimeLimits,
  writeLimits,
  type RuntimeWrite,
} from '../../store/limits/job-type-limits';
import type { LimitDefaults } from '../../store/limits/limits-config';

/** A type's limits in force and where they come from. */
export async function getJobTypeLimits(
  queues: JobStore,
  type: JobType,
  defaults: LimitDefaults,
): Promise<JobTypeLimitsView> {
  const runtime = await queues.runWithDeadline(() =>
    readRuntimeLimits(queues.connection, queues.naming, type),
  );
  return limitsInForce(type, runtime, defaults);
}

/**
 * Writes a type's limits to Redis on every worker and wakes the workers
 * blocked waiting for a job (BullMQ's marker), so a raised cap is used at
 * once rather than at their next poll: the rate limit and the type-wide
 * cap hold at each worker's next fetch, the per-key cap at its next job
 * with a key.
 */
async function applyEverywhere(
  queues: JobStore,
  type: JobType,
  limits: JobTypeLimits,
  runtime: RuntimeWrite,
): Promise<void> {
  // The type's own queue keeps the run-time record; on a cluster each of
  // its flow shards' queues gets a copy of the limits in its meta, its
  // own slot.
  const all = queues.queuesOf(type);
  await queues.runWithDeadline(async () => {
    await Promise.all(
      all.map((queue, i) =>
        writeLimits(
          {
            connection: queues.connection,
            naming: queues.naming,
            type,
            metaKey: queue.keys.meta,
          },
          limits,
          i === 0 ? runtime : 'keep',
        ),
      ),
    );
    await Promise.all(
      all.map(queue => queues.connection.zadd(queue.keys.marker, 0, '0')),
    );
  });
}

/**
 * Sets a type's limits at run time, all three at once, on every worker
 * (see {@link applyEverywhere}). The caller audits the change.
 */
export async function setJobTypeLimits(
  queues: JobStore,
  type: JobType,
  limits: JobTypeLimits,
): Promise<JobTypeLimitsView> {
  await applyEverywhere(queues, type, limits, 'set');
  return { type, limits, source: 'runtime' };
}

/**
 * Drops a type's limits set at run time, so its defaults (`defaults`: the
 * configuration's, else the catalog's) hold again on every worker, as if
 * no one had set any. The caller audits the change.
 */
export async function resetJobTypeLimits(
  queues: JobStore,
  type: JobType,
  defaults: LimitDefaults,
): Promise<JobTypeLimitsView> {
  const view = limitsInForce(type, null, defaults);
  await applyEverywhere(queues, type, view.limits, 'drop');
  return view;
}
