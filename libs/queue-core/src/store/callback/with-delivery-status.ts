import type { JobView } from '@errand/contracts';
import type { JobStore } from '../job-store';
import { toJobStatus } from '../job-status-map';

/**
 * `view` with its callback's delivery status: the status of the
 * `webhook.deliver` job that carries it, `none` while there is none. Two
 * commands in one round trip, for jobs with a callback only; a view
 * without one is returned as it is, at no cost.
 */
export async function withDeliveryStatus(
  store: Pick<JobStore, 'connection' | 'queueFor' | 'runWithDeadline'>,
  view: JobView,
): Promise<JobView> {
  if (!view.callback) return view;
  const { deliveryJobId: id } = view.callback;
  const queue = store.queueFor('webhook.deliver');
  const [state, attemptsMade] = await store.runWithDeadline(() =>
    Promise.all([
      queue.getJobState(id),
      store.connection.hget(queue.toKey(id), 'atm'),
    ]),
  );
  const deliveryStatus = toJobStatus(state, Number(attemptsMade ?? 0));
  return {
    ...view,
    callback: { ...view.callback, deliveryStatus: deliveryStatus ?? 'none' },
  };
}
