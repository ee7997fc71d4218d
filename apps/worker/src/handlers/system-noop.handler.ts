/** `system.noop`: succeeds at once, so benchmarks measure only the queue. */
export const systemNoopHandler: JobHandler<'system.noop'> = async () =>
  completed({});
import { completed, type JobHandler } from '@errand/contracts';
