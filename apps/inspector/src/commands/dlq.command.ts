import type { Command } from 'commander';
import type { CliContext } from '../cli-context';
import { listDead } from './dlq-list.command';
import { purgeDead } from './dlq-purge.command';
import { replayDead } from './dlq-replay.command';
import { withExamples } from './examples';

/** `inspector dlq list|replay|purge`: the dead-letter queue. */
export function dlqCommand(program: Command, context: CliContext): void {
  const dlq = program
    .command('dlq')
    .description('The dead-letter queue: list, replay, purge dead jobs.');
  withExamples(dlq, [
    'inspector dlq list --type email.send',
    'inspector dlq replay --type email.send --since 1h --dry-run',
    'inspector dlq purge --older-than 7d --yes',
  ]);
  listDead(dlq, context);
  replayDead(dlq, context);
  purgeDead(dlq, context);
}
