import { Option, type Command } from 'commander';
import { jobTypes, type JobType } from '@errand/contracts';
import { resealJobs, type ResealResult } from '@errand/queue-core';
import type { CliContext } from '../cli-context';
import { renderJson } from '../output/render-json';
import { oneLine } from '../output/strip-control';
import { withExamples } from './examples';

interface ResealOptions {
  type?: JobType;
  dryRun?: boolean;
  json?: boolean;
}

const jobs = (n: number) => `${n} job${n === 1 ? '' : 's'}`;

function describe(result: ResealResult): string {
  const verb = result.dryRun ? 'Would reseal' : 'Resealed';
  const lines = [
    `${verb} ${jobs(result.resealed)} under key "${result.keyId}"; ${jobs(result.unchanged)} already were.`,
  ];
  if (result.changedMeanwhile > 0) {
    lines.push(
      `${jobs(result.changedMeanwhile)} changed meanwhile: run it again.`,
    );
  }
  return lines.join('\n');
}

/**
 * `inspector reseal`: re-seals the sensitive fields of stored jobs under
 * the newest key of PAYLOAD_ENCRYPTION_KEYS, the third step of a key
 * rotation (docs/security.md). Exits 1 when some job does not open.
 */
export function resealCommand(program: Command, context: CliContext): void {
  const command = program
    .command('reseal')
    .description(
      'Re-seal the sensitive fields of waiting, delayed, running and dead jobs under the newest encryption key (after adding a key, before removing the old one).',
    )
    .addOption(
      new Option('--type <type>', 'only this job type').choices(jobTypes),
    )
    .option('--dry-run', 'count what would change; write nothing')
    .option(
      '--json',
      'print {dryRun, keyId, scanned, resealed, unchanged, changedMeanwhile, failedCount, failed: [{id, type, message}]}',
    )
    .action(async (options: ResealOptions) => {
      const result = await resealJobs(context.queues(), {
        dryRun: Boolean(options.dryRun),
        ...(options.type && { types: [options.type] }),
      });
      if (!result.dryRun) {
        await context.audit({
          action: 'reseal',
          count: result.resealed,
          details: { keyId: result.keyId, type: options.type ?? null },
        });
      }
      const { output } = context;
      output.out(options.json ? renderJson(result) : describe(result));
      if (result.failedCount > 0) {
        for (const failure of result.failed) {
          // The message may quote the stored value (a key id): escaped.
          output.err(
            oneLine(`${failure.type} ${failure.id}: ${failure.message}`),
          );
        }
        throw new Error(
          `${result.failedCount === 1 ? '1 job does' : `${result.failedCount} jobs do`} not open with the key ring and kept their data: add the key that sealed them to PAYLOAD_ENCRYPTION_KEYS, or let them go.`,
        );
      }
    });
  withExamples(command, [
    'inspector reseal --dry-run',
    'PAYLOAD_ENCRYPTION_KEYS=new:…,old:… inspector reseal --json',
  ]);
}
