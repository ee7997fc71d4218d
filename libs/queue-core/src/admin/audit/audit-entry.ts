/** One destructive action, as the audit log keeps it. */
export interface AuditEntry {
  /** The stream entry id; orders entries. */
  id: string;
  /** ISO time the action was recorded. */
  at: string;
  /** Who: an OS user name or the `--actor` given. */
  actor: string;
  /** What, as a command name: `retry`, `dlq.replay`, `clean`, `pause`… */
  action: string;
  /** How many jobs (or queues) it touched. */
  count: number;
  /** What it touched, in the action's own terms (ids, type, age). */
  details: Record<string, unknown>;
}

/** What a caller records; the time and id are filled in. */
export type AuditRecord = Omit<AuditEntry, 'id' | 'at'>;
