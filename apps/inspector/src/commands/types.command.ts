import type { Command } from 'commander';
import { describeJobTypes } from '@errand/contracts';
import { queueStates } from '@errand/queue-core';
import type { CliContext } from '../cli-context';
import { renderJson } from '../output/render-json';
import { renderTable } from '../output/render-table';
import { withExamples } from './examples';

/**
 * `inspector types`: the catalog's job types, defaults, aliases (other names
 * a type is enqueued under) and paused queues.
 */
export function typesCommand(program: Command, context: CliContext): void {
  const command = program
    .command('types')
    .description(
      'List job types with their version, defaults, aliases and whether paused.',
    )
    .option(
      '--json',
      'print {"types": [JobTypeView & {paused}]} (GET /job-types plus paused)',
    )
    .action(async (options: { json?: boolean }) => {
      const paused = new Map(
        (await queueStates(context.queues())).map(s => [s.type, s.paused]),
      );
      const types = describeJobTypes().types.map(t => ({
        ...t,
        paused: paused.get(t.type as never) ?? false,
      }));
      context.output.out(
        options.json
          ? renderJson({ types })
          : renderTable(
              [
                'TYPE',
                'VERSION',
                'RETRIES',
                'PRIORITY',
                'TIMEOUT',
                'BACKOFF',
                'PAUSED',
                'ALIASES',
                'DESCRIPTION',
              ],
              types.map(t => [
                t.type,
                t.version,
                t.defaults.retries,
                t.defaults.priority,
                `${t.defaults.timeoutMs}ms`,
                t.defaults.backoff?.strategy ?? 'default',
                t.paused ? 'yes' : 'no',
                t.aliases.map(a => a.name).join(',') || '-',
                t.description,
              ]),
              context.output.isTty,
            ),
      );
    });
  withExamples(command, ['inspector types', 'inspector types --json']);
}
