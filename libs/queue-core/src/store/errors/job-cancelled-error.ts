/**
 * The abort reason a running job's signal carries when someone cancels it.
 * Internal to the worker: the job ends `cancelled`, not failed.
 */
export class JobCancelledError extends Error {
  constructor(readonly by: string) {
    super(`The job was cancelled by ${by}.`);
    this.name = 'JobCancelledError';
  }
}
