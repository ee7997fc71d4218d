import type { JobView } from '@errand/contracts';
import { renderTable } from './render-table';

/** One line per job: the columns an operator scans first. */
export function renderJobList(jobs: JobView[], isTty: boolean): string {
  if (jobs.length === 0) return 'No jobs match.';
  return renderTable(
    ['ID', 'TYPE', 'STATUS', 'ATTEMPTS', 'CREATED', 'LAST ERROR'],
    jobs.map(job => [
      job.id,
      job.type,
      job.status,
      `${job.attempts.made}/${job.attempts.allowed}`,
      job.createdAt,
      job.lastError?.message.slice(0, 60) ?? '',
    ]),
    isTty,
  );
}

/** Every field of one job, the payload pretty-printed. */
export function renderJobDetail(job: JobView): string {
  const lines = [
    `id:        ${job.id}`,
    `type:      ${job.type}`,
    `status:    ${job.status}`,
    `priority:  ${job.priority}`,
    `attempts:  ${job.attempts.made} of ${job.attempts.allowed}`,
    `created:   ${job.createdAt}`,
    `run at:    ${job.runAt ?? '-'}`,
    `started:   ${job.startedAt ?? '-'}`,
    `finished:  ${job.finishedAt ?? '-'}`,
    'payload:',
    indent(JSON.stringify(job.payload, null, 2)),
  ];
  if (job.result !== null) {
    lines.push('result:', indent(JSON.stringify(job.result, null, 2)));
  }
  if (job.lastError) {
    lines.push(`last error: ${job.lastError.message}`);
    if (job.lastError.stack) lines.push(indent(job.lastError.stack));
  }
  return lines.join('\n');
}

function indent(text: string): string {
  return text.replace(/^/gm, '  ');
}
