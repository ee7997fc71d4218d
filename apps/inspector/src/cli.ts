import { Command, CommanderError } from 'commander';
import { ErrandError } from '@errand/contracts';
import type { Environment } from '@errand/runtime';
import { createCliContext, type CliOutput } from './cli-context';
import { listCommand } from './commands/list.command';
import { retryCommand } from './commands/retry.command';
import { showCommand } from './commands/show.command';
import { statsCommand } from './commands/stats.command';
import { ExitCode, exitCodeOf } from './exit-codes';

/**
 * Runs one inspector command and returns its exit code. Every error ends
 * here: usage errors print commander's message, our errors one line with
 * their code, and each maps to a documented exit code.
 */
export async function runInspector(
  argv: readonly string[],
  output: CliOutput,
  env: Environment,
): Promise<number> {
  const context = createCliContext(output, env);
  const program = new Command('inspector')
    .description('Inspect and operate Errand queues.')
    .exitOverride()
    .configureOutput({
      writeOut: text => output.out(text.trimEnd()),
      writeErr: text => output.err(text.trimEnd()),
    });
  for (const register of [
    listCommand,
    showCommand,
    retryCommand,
    statsCommand,
  ]) {
    register(program, context);
  }
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return ExitCode.ok;
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.exitCode === 0 ? ExitCode.ok : ExitCode.usage;
    }
    if (error instanceof ErrandError) {
      output.err(`inspector: ${error.message} [${error.code}]`);
      return exitCodeOf[error.code];
    }
    output.err(
      `inspector: ${error instanceof Error ? error.message : String(error)}`,
    );
    return ExitCode.failure;
  } finally {
    await context.close();
  }
}
