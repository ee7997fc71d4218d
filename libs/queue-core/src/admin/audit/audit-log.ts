import type { JobStore } from '../../store/job-store';
import type { AuditEntry, AuditRecord } from './audit-entry';
import { auditKey } from '../../store/keys';

/**
 * The audit log: a Redis stream capped near {@link AUDIT_ENTRIES_KEPT}
 * entries (`MAXLEN ~`, so trimming stays O(1)), one entry per destructive
 * action taken through the inspector: who, what, when, how many.
 */

/** Roughly how many entries are kept; the oldest go first. */
const AUDIT_ENTRIES_KEPT = 10_000;

/** Appends one entry and returns it as stored. */
export async function recordAudit(
  queues: JobStore,
  record: AuditRecord,
): Promise<AuditEntry> {
  const at = new Date().toISOString();
  const id = await queues.runWithDeadline(() =>
    queues.connection.xadd(
      auditKey(queues.naming),
      'MAXLEN',
      '~',
      AUDIT_ENTRIES_KEPT,
      '*',
      'at',
      at,
      'actor',
      record.actor,
      'action',
      record.action,
      'count',
      String(record.count),
      'details',
      JSON.stringify(record.details),
    ),
  );
  return { id: id ?? '', at, ...record };
}

function parseDetails(text: string | undefined): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(text ?? '{}');
    return typeof value === 'object' && value !== null
      ? (value as Record<string, unknown>)
      : {};
  } catch {
    return {};
  }
}

/** The newest `limit` entries, newest first. */
export async function readAuditLog(
  queues: JobStore,
  limit = 50,
): Promise<AuditEntry[]> {
  const rows = await queues.runWithDeadline(() =>
    queues.connection.xrevrange(
      auditKey(queues.naming),
      '+',
      '-',
      'COUNT',
      limit,
    ),
  );
  return rows.map(([id, flat]) => {
    const fields = new Map<string, string>();
    for (let i = 0; i + 1 < flat.length; i += 2)
      fields.set(flat[i], flat[i + 1]);
    return {
      id,
      at: fields.get('at') ?? '',
      actor: fields.get('actor') ?? '',
      action: fields.get('action') ?? '',
      count: Number(fields.get('count') ?? 0),
      details: parseDetails(fields.get('details')),
    };
  });
}
