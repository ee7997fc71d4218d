/** The reason a running attempt is aborted when its worker shuts down. */
export class WorkerShutdownError extends Error {
  constructor() {
    super('The worker is shutting down; the job goes back to its queue.');
    this.name = 'WorkerShutdownError';
  }
}
