import { redactPayload, type JobType, type JobView } from '@errand/contracts';
import { cancelledAtKey, cancelledViewsKey } from './keys';
import { typesOfJobId } from './job-id';
import type { JobStore } from './job-store';
import type { ViewOptions } from './to-job-view';

/**
 * Where cancelled jobs are kept. BullMQ has no state for a job that was
 * stopped on purpose: a queued job can only be removed, and a running one
 * only failed. So a cancelled job leaves BullMQ and its last view (timeline
 * included) is kept here instead, per type, under the same retention as
 * succeeded jobs: a hash of views by id, and a sorted set of ids by time of
 * cancellation for trimming. Both keys sit in the queue's own slot.
 */

function keysFor(store: JobStore, type: JobType) {
  return {
    views: cancelledViewsKey(store.naming, type),
    byTime: cancelledAtKey(store.naming, type),
  };
}

/** Stores a cancelled job's view, payload as stored, and trims old ones. */
export async function storeCancelled(
  store: JobStore,
  type: JobType,
  view: JobView,
  owner: string | undefined,
  now = Date.now(),
): Promise<void> {
  const { views, byTime } = keysFor(store, type);
  const keep = store.retention.finished;
  await store.connection
    .multi()
    .hset(views, view.id, JSON.stringify({ view, owner } satisfies Stored))
    .zadd(byTime, now, view.id)
    .exec();
  const expired = [
    ...(await store.connection.zrangebyscore(
      byTime,
      '-inf',
      now - keep.age * 1_000,
    )),
    ...(await store.connection.zrange(byTime, 0, -keep.count - 1)),
  ];
  if (expired.length > 0) {
    await store.connection
      .multi()
      .hdel(views, ...expired)
      .zrem(byTime, ...expired)
      .exec();
  }
}

/** Drops a stored view: the job turned out not to be cancelled. */
export async function forgetCancelled(
  store: JobStore,
  type: JobType,
  id: string,
): Promise<void> {
  const { views, byTime } = keysFor(store, type);
  await store.connection.multi().hdel(views, id).zrem(byTime, id).exec();
}

/**
 * What is kept per cancelled job: its view, and the API key that enqueued
 * it, so that its producer can still read it.
 */
interface Stored {
  view: JobView;
  owner?: string;
}

function present(stored: string, options: ViewOptions): JobView {
  const { view } = JSON.parse(stored) as Stored;
  return options.revealSensitive
    ? view
    : { ...view, payload: redactPayload(view.type, view.payload) };
}

/**
 * What is kept for the cancelled job `id`, if any: asked of its type, which
 * its id names (job-id.ts), or of every type for ids that name none.
 */
async function findStored(
  store: JobStore,
  id: string,
): Promise<string | undefined> {
  const found = await Promise.all(
    typesOfJobId(id).map(type =>
      store.connection.hget(keysFor(store, type).views, id),
    ),
  );
  return found.find(value => value !== null) ?? undefined;
}

/** The view of a cancelled job, or undefined when none has the id. */
export async function findCancelled(
  store: JobStore,
  id: string,
  options: ViewOptions = {},
): Promise<JobView | undefined> {
  const stored = await findStored(store, id);
  return stored ? present(stored, options) : undefined;
}

/**
 * The owner of a cancelled job (see `JobEnvelope.owner`): `null` when no
 * cancelled job has the id, undefined when it was enqueued without keys.
 */
export async function findCancelledOwner(
  store: JobStore,
  id: string,
): Promise<string | undefined | null> {
  const stored = await findStored(store, id);
  return stored ? ((JSON.parse(stored) as Stored).owner ?? undefined) : null;
}

/** Cancelled jobs of one type, most recently cancelled first. */
export async function listCancelled(
  store: JobStore,
  type: JobType,
  limit: number,
  options: ViewOptions = {},
): Promise<JobView[]> {
  const { views, byTime } = keysFor(store, type);
  const ids = await store.connection.zrevrange(byTime, 0, limit - 1);
  if (ids.length === 0) return [];
  const stored = await store.connection.hmget(views, ...ids);
  return stored.flatMap(value => (value ? [present(value, options)] : []));
}

/** How many cancelled jobs of one type are kept. */
export function countCancelled(
  store: JobStore,
  type: JobType,
): Promise<number> {
  return store.connection.zcard(keysFor(store, type).byTime);
}
