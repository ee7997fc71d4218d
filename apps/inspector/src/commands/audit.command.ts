import type { Command } from 'commander';
import { readAuditLog } from '@errand/queue-core';
import type { CliContext } from '../cli-context';
import { renderJson } from '../output/render-json';
import { renderTable } from '../output/render-table';
import { withExamples } from './examples';
import { parseCount } from './parse-count';

/** `inspector audit`: the destructive actions taken, newest first. */
export function auditCommand(program: Command, context: CliContext): void {
  const command = program
    .command('audit')
    .description(
      'Show the audit log: who retried, replayed, cancelled, purged, cleaned, paused or resumed what, when, and how many.',
    )
    .option('--limit <n>', 'at most n entries (1-1000)', parseCount(1_000), 50)
    .option(
      '--json',
      'print {"entries": [{id, at, actor, action, count, details}]}',
    )
    .action(async (options: { limit: number; json?: boolean }) => {
      const entries = await readAuditLog(context.queues(), options.limit);
      const { output } = context;
      if (options.json) return output.out(renderJson({ entries }));
      if (entries.length === 0) return output.out('No audited actions yet.');
      output.out(
        renderTable(
          ['AT', 'ACTOR', 'ACTION', 'COUNT', 'DETAILS'],
          entries.map(e => [
            e.at,
            e.actor,
            e.action,
            e.count,
            JSON.stringify(e.details).slice(0, 80),
          ]),
          output.isTty,
        ),
      );
    });
  withExamples(command, [
    'inspector audit',
    'inspector audit --limit 200 --json | jq \'.entries[] | select(.action == "dlq.purge")\'',
  ]);
}
