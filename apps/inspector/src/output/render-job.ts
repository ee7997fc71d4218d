import type { JobEvent, JobView } from '@errand/contracts';
import { escapeControlLines } from '@errand/runtime';
import { statusCell } from './colour';
import { renderTable } from './render-table';
import { oneLine } from './strip-control';

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

/** What one timeline entry says, after its time and kind, on one line. */
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
  return oneLine(parts.filter(Boolean).join(' '));
}

/** Every attempt that ended in an error, with its message. */
function renderAttempts(timeline: readonly JobEvent[]): string[] {
  const failed = timeline.filter(e => e.event === 'failed' && e.error);
  if (failed.length === 0) return [];
  return [
    'attempts that failed:',
    ...failed.map(
      e =>
        `  #${e.attempt ?? '?'} ${e.at}${e.worker ? ` on ${oneLine(e.worker)}` : ''}: ${oneLine(e.error?.message ?? '')}`,
    ),
  ];
}

/**
 * Every field of one job: the payload pretty-printed (sensitive fields
 * already redacted by the read model), the attempts that failed with their
 * errors, and the timeline. Job data has its control characters escaped
 * (`\n`, `\x1b`): a field stays on its line, and a multi-line block (the
 * payload, a stack) stays indented under its heading, so nothing in a job
 * can print a line that looks like the inspector's own.
 */
export function renderJobDetail(job: JobView, isTty: boolean): string {
  const status = statusCell(job.status);
  const lines = [
    `id:        ${oneLine(job.id)}`,
    `type:      ${oneLine(job.type)}`,
    `status:    ${isTty ? status.painted : status.plain}`,
    `priority:  ${job.priority}`,
    `attempts:  ${job.attempts.made} of ${job.attempts.allowed}`,
    `created:   ${job.createdAt}`,
    `run at:    ${job.runAt ?? '-'}`,
    `started:   ${job.startedAt ?? '-'}`,
    `finished:  ${job.finishedAt ?? '-'}`,
  ];
  // A key-held job is `scheduled` with its recheck time as run at: say why.
  if (job.heldBy) lines.push(`held by:   ${oneLine(job.heldBy.sentence)}`);
  if (job.progress) {
    lines.push(
      `progress:  ${job.progress.percent}%${job.progress.message ? ` ${oneLine(job.progress.message)}` : ''}`,
    );
  }
  lines.push('payload:', ...indent(JSON.stringify(job.payload, null, 2)));
  if (job.result !== null) {
    lines.push('result:', ...indent(JSON.stringify(job.result, null, 2)));
  }
  if (job.lastError) {
    const { message, stack } = job.lastError;
    lines.push(`last error: ${oneLine(message)}`);
    if (stack) lines.push(...indent(stackWithMessage(stack, message)));
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
  return lines.join('\n');
}

/** `text`'s lines, each escaped and indented under its heading. */
function indent(text: string): string[] {
  return escapeControlLines(text).map(line => `  ${line}`);
}

/**
 * A stack starts with its error's message, line feeds and all: that part
 * is escaped as one piece, so it reads as it does after `last error:`.
 */
function stackWithMessage(stack: string, message: string): string {
  const at = stack.indexOf(message);
  return at === -1 || message === ''
    ? stack
    : stack.slice(0, at) + oneLine(message) + stack.slice(at + message.length);
}
