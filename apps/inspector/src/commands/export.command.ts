import { writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { getJobView } from '@errand/queue-core';
import type { CliContext } from '../cli-context';
import { renderJson } from '../output/render-json';
import { withExamples } from './examples';
import { EXPORT_FORMAT, type JobExport } from './job-export';

/**
 * `inspector export <id>`: writes a job to a JSON file, sensitive fields
 * redacted, to be looked at elsewhere or enqueued again with
 * `enqueue --from-file` (which refuses redacted fields until filled in).
 */
export function exportCommand(program: Command, context: CliContext): void {
  const command = program
    .command('export')
    .description(
      'Write a job (payload with sensitive fields redacted, attempts, errors, timeline) to a JSON file.',
    )
    .argument('<id>', 'the job id')
    .option('--out <file>', 'where to write', undefined)
    .option('--json', 'print {file, id, type}')
    .action(async (id: string, options: { out?: string; json?: boolean }) => {
      const job = await getJobView(context.queues(), id);
      const file = options.out ?? `${job.id}.json`;
      const document: JobExport = {
        format: EXPORT_FORMAT,
        exportedAt: new Date().toISOString(),
        job,
      };
      await writeFile(file, `${renderJson(document)}\n`);
      context.output.out(
        options.json
          ? renderJson({ file, id: job.id, type: job.type })
          : `Wrote ${job.type} job ${job.id} to ${file}.`,
      );
    });
  withExamples(command, [
    'inspector export 0b6f…',
    'inspector export 0b6f… --out /tmp/failing-job.json',
  ]);
}
