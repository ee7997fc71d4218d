import type { JobType } from '@errand/contracts';

/**
 * What a key may do:
 * - `producer`: enqueue (`POST /enqueue`, `/enqueue/batch`) and read the
 *   jobs it enqueued (`GET /jobs/:id`, its events);
 * - `admin`: everything, including cancel, dead-letter replay, stats,
 *   schedules and the dashboard.
 */
export const roles = ['producer', 'admin'] as const;

/** One of {@link roles}. */
export type Role = (typeof roles)[number];

/** One configured API key: never the key itself, only its SHA-256. */
export interface ApiKey {
  /** Who holds it; logged, stored as a job's owner and cancel's `by`. */
  name: string;
  role: Role;
  /** The SHA-256 of the key, 32 bytes. */
  hash: Buffer;
  /** The only job types it may enqueue; undefined means every type. */
  types?: readonly JobType[];
}

/** Who made the request, in `res.locals.principal`. */
export interface Principal {
  name: string;
  role: Role;
  types?: readonly JobType[];
  /** True when the API runs without keys (development only). */
  open: boolean;
}

/** The principal of every request when no keys are configured. */
export const OPEN_PRINCIPAL: Principal = {
  name: 'api',
  role: 'admin',
  open: true,
};
