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
  lines.push(
    `Values in the v1 format: ${result.v1Found} found, ${result.v1Resealed} ${result.dryRun ? 'would be resealed' : 'resealed'}.`,
  );
  // Values in the v1 format are bound to no job: the operator turns them
  // off (PAYLOAD_ENCRYPTION_OPEN_V1=false) only once none is left.
  const noneLeft =
    !result.dryRun &&
    result.v1Found === result.v1Resealed &&
    result.changedMeanwhile === 0 &&
    result.failedCount === 0;
  lines.push(
    noneLeft
      ? 'No value in the v1 format is left: PAYLOAD_ENCRYPTION_OPEN_V1=false can be set on the workers, the API and the inspector.'
      : 'Some values may still be in the v1 format: keep PAYLOAD_ENCRYPTION_OPEN_V1=true until a reseal leaves none.',
  );
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
      'Re-seal the sensitive fields of waiting, delayed, running, dead and succeeded jobs under the newest encryption key, values in the v1 format included (after adding a key, before removing the old one).',
    )
    .addOption(
      new Option('--type <type>', 'only this job type').choices(jobTypes),
    )
    .option('--dry-run', 'count what would change; write nothing')
    .option(
      '--json',
      'print {dryRun, keyId, scanned, resealed, unchanged, changedMeanwhile, failedCount, v1Found, v1Resealed, failed: [{id, type, message}]}',
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
