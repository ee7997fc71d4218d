import { setTimeout as sleep } from 'node:timers/promises';

/** What `GET /jobs/:id` says of a job, the fields the checker reads. */
export interface JobBody {
  status?: string;
  attempts?: { made: number; allowed: number };
  lastError?: { message?: string } | null;
  createdAt?: string;
  finishedAt?: string | null;
  timeline?: Array<{ event: string; reason?: string }>;
}

/** Enqueues one `system.ledger` poison job; resolves with its id. */
export async function enqueuePoison(
  apiUrl: string,
  poison: string,
): Promise<string> {
  const res = await fetch(`${apiUrl}/enqueue`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      type: 'system.ledger',
      payload: { poison, ref: `poison-${poison}` },
    }),
  });
  const body = (await res.json()) as { id?: string };
  if (!res.ok || !body.id) {
    throw new Error(`Enqueueing the ${poison} poison answered ${res.status}`);
  }
  return body.id;
}

/** The statuses a job never leaves by itself. */
const ENDED = new Set(['succeeded', 'dead', 'cancelled']);

/**
 * Reads the job until its status is a final one, or `timeoutMs` passed.
 * `finishedAt` alone is not enough: `GET /jobs/:id` reads the state before
 * the job (find-job.ts), so a job that ends between the two reads is shown
 * `running` with its end time, and a caller that stopped there saw a
 * quarantined poison as still running (throwDead = 0).
 */
export async function awaitFinished(
  apiUrl: string,
  id: string,
  timeoutMs: number,
): Promise<JobBody> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const body = await fetch(`${apiUrl}/jobs/${id}`)
      .then(res => res.json() as Promise<JobBody>)
      .catch(() => ({}) as JobBody);
    const ended = body.status !== undefined && ENDED.has(body.status);
    if (ended || Date.now() > deadline) return body;
    await sleep(500);
  }
}

/** Milliseconds from a job's creation to its end; Infinity if unended. */
export function lifetimeMs(job: JobBody): number {
  if (!job.createdAt || !job.finishedAt) return Infinity;
  return Date.parse(job.finishedAt) - Date.parse(job.createdAt);
}
