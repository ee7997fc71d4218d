import type { JobEvent, JobView } from '@errand/contracts';
import { statusCell } from './colour';
import { renderTable } from './render-table';
import { stripControl } from './strip-control';

/** One line per job: the columns an operator scans first. */
export function renderJobList(jobs: JobView[], isTty: boolean): string {
  if (jobs.length === 0) return 'No jobs match.';
  return renderTable(
    ['ID', 'TYPE', 'STATUS', 'ATTEMPTS', 'CREATED', 'LAST ERROR'],
    jobs.map(job => [
      job.id,
      job.type,
      statusCell(job.status),
      `${job.attempts.made}/${job.attempts.allowed}`,
      job.createdAt,
      job.lastError?.message.slice(0, 60) ?? '',
    ]),
    isTty,
  );
}

/** What one timeline entry says, after its time and kind. */
function describeEvent(event: JobEvent): string {
  const parts = [
    event.attempt === undefined ? '' : `attempt ${event.attempt}`,
    event.worker ? `on ${event.worker}` : '',
    event.durationMs === undefined ? '' : `${event.durationMs}ms`,
    event.next ? `then ${event.next}` : '',
    event.until ? `until ${event.until}` : '',
    event.by ? `by ${event.by}` : '',
    event.reason ? `(${event.reason})` : '',
    event.error ? `error: ${event.error.message}` : '',
    event.patch === undefined ? '' : `patch ${JSON.stringify(event.patch)}`,
  ];
  return parts.filter(Boolean).join(' ');
}

/** Every attempt that ended in an error, with its message. */
function renderAttempts(timeline: readonly JobEvent[]): string[] {
  const failed = timeline.filter(e => e.event === 'failed' && e.error);
  if (failed.length === 0) return [];
  return [
    'attempts that failed:',
    ...failed.map(
      e =>
        `  #${e.attempt ?? '?'} ${e.at}${e.worker ? ` on ${e.worker}` : ''}: ${e.error?.message ?? ''}`,
    ),
  ];
}

/**
 * Every field of one job: the payload pretty-printed (sensitive fields
 * already redacted by the read model), the attempts that failed with their
 * errors, and the timeline. Job data is stripped of control characters.
 */
export function renderJobDetail(job: JobView, isTty: boolean): string {
  const status = statusCell(job.status);
  const lines = [
    `id:        ${job.id}`,
    `type:      ${job.type}`,
    `status:    ${isTty ? status.painted : status.plain}`,
    `priority:  ${job.priority}`,
    `attempts:  ${job.attempts.made} of ${job.attempts.allowed}`,
    `created:   ${job.createdAt}`,
    `run at:    ${job.runAt ?? '-'}`,
    `started:   ${job.startedAt ?? '-'}`,
    `finished:  ${job.finishedAt ?? '-'}`,
  ];
  if (job.progress) {
    lines.push(
      `progress:  ${job.progress.percent}%${job.progress.message ? ` ${job.progress.message}` : ''}`,
    );
  }
  lines.push('payload:', indent(JSON.stringify(job.payload, null, 2)));
  if (job.result !== null) {
    lines.push('result:', indent(JSON.stringify(job.result, null, 2)));
  }
  if (job.lastError) {
    lines.push(`last error: ${job.lastError.message}`);
    if (job.lastError.stack) lines.push(indent(job.lastError.stack));
  }
  const timeline = job.timeline ?? [];
  lines.push(...renderAttempts(timeline));
  if (timeline.length > 0) {
    lines.push(
      'timeline:',
      ...timeline.map(e =>
        `  ${e.at}  ${e.event.padEnd(9)} ${describeEvent(e)}`.trimEnd(),
      ),
    );
  }
  return stripControl(lines.join('\n'));
}

function indent(text: string): string {
  return text.replace(/^/gm, '  ');
}
