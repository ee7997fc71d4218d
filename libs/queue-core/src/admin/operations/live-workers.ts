import type { Job } from 'bullmq';
import { jobTypes, type JobType } from '@errand/contracts';
import type { JobStore } from '../../store/job-store';

/**
 * A worker process as Redis sees it. BullMQ names each worker's connection
 * `<queue client name>:w:<worker name>`, and Errand's workers name
 * themselves `host:pid` (consumer/start-consumer.ts), so one process shows
 * up once per type it serves: the types are the queues it appears on.
 * Concurrency is not stored in Redis, so it is not shown.
 */
export interface LiveWorker {
  /** `host:pid`, as job histories name it. */
  name: string;
  types: JobType[];
  /** Seconds since its oldest connection opened (CLIENT LIST `age`). */
  uptimeSeconds: number;
  /** The jobs it runs now, by their `processedBy`. */
  currentJobs: { id: string; type: JobType }[];
}

/** The most running jobs read per type to attribute them to workers. */
const ACTIVE_READ = 1_000;

/** Worker connections of one type's queue: worker name and age. */
async function workersOf(
  queues: JobStore,
  type: JobType,
): Promise<{ name: string; age: number }[]> {
  const clients = await queues.queueFor(type).getWorkers();
  return clients.flatMap(client => {
    const raw = client['rawname'] ?? '';
    const at = raw.indexOf(':w:');
    // A worker without a name has none to show: it is counted as `unnamed`.
    const name = at < 0 ? 'unnamed' : raw.slice(at + 3);
    return [{ name, age: Number(client['age'] ?? 0) }];
  });
}

/** The live worker processes, the types they serve and what they run. */
export async function listLiveWorkers(queues: JobStore): Promise<LiveWorker[]> {
  return queues.runWithDeadline(async () => {
    const byName = new Map<string, LiveWorker>();
    const perType = await Promise.all(
      jobTypes.map(async type => ({
        type,
        workers: await workersOf(queues, type),
        active: (await queues
          .queueFor(type)
          .getActive(0, ACTIVE_READ - 1)) as Job[],
      })),
    );
    for (const { type, workers } of perType) {
      for (const { name, age } of workers) {
        const worker = byName.get(name) ?? {
          name,
          types: [],
          uptimeSeconds: 0,
          currentJobs: [],
        };
        if (!worker.types.includes(type)) worker.types.push(type);
        worker.uptimeSeconds = Math.max(worker.uptimeSeconds, age);
        byName.set(name, worker);
      }
    }
    for (const { type, active } of perType) {
      for (const job of active) {
        const worker = job.processedBy && byName.get(job.processedBy);
        if (worker && job.id) worker.currentJobs.push({ id: job.id, type });
      }
    }
    return [...byName.values()].sort((a, b) => a.name.localeCompare(b.name));
  });
}

/** How many live workers serve `type`. */
export async function countLiveWorkers(
  queues: JobStore,
  type: JobType,
): Promise<number> {
  const workers = await queues.runWithDeadline(() => workersOf(queues, type));
  return new Set(workers.map(w => w.name)).size;
}
