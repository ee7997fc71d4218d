import { CommanderError } from 'commander';
import type { CliContext } from '../cli-context';

/** Bulk retry, replay and cancel ask first above this many jobs. */
export const CONFIRM_ABOVE_JOBS = 10;

/**
 * Lets a destructive action go ahead: at once with `--yes`; on a terminal
 * after a person answers yes; otherwise not at all, with exit code 2, so a
 * script never destroys by accident. Resolves false when a person says no.
 */
export async function confirm(
  context: CliContext,
  question: string,
  yes: boolean | undefined,
): Promise<boolean> {
  if (yes) return true;
  const { ask } = context.output;
  if (!ask) {
    context.output.err(
      `inspector: ${question} Not a terminal: add --yes to go ahead.`,
    );
    throw new CommanderError(
      2,
      'inspector.confirmationRequired',
      'confirmation required',
    );
  }
  const answer = await ask(`${question} [y/N] `);
  if (!answer) context.output.err('Nothing done.');
  return answer;
}
