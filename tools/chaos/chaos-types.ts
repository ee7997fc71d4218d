/** How one `POST /enqueue` of the load generator ended. */
export interface RequestRecord {
  /** The client's reference, also in the job's payload and ledger records. */
  ref: string;
  /** When the request was sent and when it ended, epoch ms. */
  sentAt: number;
  endedAt: number;
  /**
   * `acknowledged`: a 2xx with a job id; `failed`: any other answer or a
   * refused connection (nothing was stored); `unknown`: no answer in time
   * (the job may or may not exist).
   */
  outcome: 'acknowledged' | 'failed' | 'unknown';
  status?: number;
  /** The job id of an acknowledged request. */
  id?: string;
}

/** One line of a worker's ledger (apps/worker/src/handlers/ledger). */
export interface LedgerRecord {
  id: string;
  ref?: string;
  event: 'start' | 'done';
  attempt: number;
  /** On a `done` of a flow parent asked to read its children: how many succeeded. */
  childrenSucceeded?: number;
  pid: number;
  at: number;
}

/** A fault the harness injected. */
export interface Interruption {
  kind:
    | 'worker-kill'
    | 'worker-term'
    | 'worker-crash'
    | 'redis-kill'
    | 'redis-freeze'
    | 'redis-outage';
  /** When the fault began, epoch ms. */
  at: number;
  /** When the faulty part was back (restarted, thawed), epoch ms. */
  endedAt?: number;
  /** The worker process it hit, for worker faults. */
  pid?: number;
}
