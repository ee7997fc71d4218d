import { Command, CommanderError } from 'commander';
import { ErrandError } from '@errand/contracts';
import type { Environment } from '@errand/runtime';
import {
  createCliContext,
  type CliOutput,
  type GlobalOptions,
} from './cli-context';
import { auditCommand } from './commands/audit.command';
import { cancelCommand } from './commands/cancel.command';
import { cleanCommand } from './commands/clean.command';
import { dlqCommand } from './commands/dlq.command';
import { enqueueCommand } from './commands/enqueue.command';
import { withExamples } from './commands/examples';
import { exportCommand } from './commands/export.command';
import { flowCommand } from './commands/flow.command';
import { listCommand } from './commands/list.command';
import { limitsCommand } from './commands/limits.command';
import { pauseCommands } from './commands/pause.command';
import { resealCommand } from './commands/reseal.command';
import { retryCommand } from './commands/retry.command';
import { showCommand } from './commands/show.command';
import { statsCommand } from './commands/stats.command';
import { typesCommand } from './commands/types.command';
import { whyCommand } from './commands/why.command';
import { workersCommand } from './commands/workers.command';
import { ExitCode, exitCodeOf } from './exit-codes';
import { oneLine, indentedLines } from './output/strip-control';
import { UsageError } from './usage-error';

/**
 * Runs one inspector command and returns its exit code. Every error ends
 * here: usage errors print commander's message and the command's help, our
 * errors one line with their code, and each maps to a documented exit code.
 */
export async function runInspector(
  argv: readonly string[],
  output: CliOutput,
  env: Environment,
): Promise<number> {
  const program = new Command('inspector')
    .description('Inspect and operate Errand queues.')
    .option('--redis <url>', 'Redis URL (default: REDIS_URL)')
    .option('--prefix <prefix>', 'queue key prefix (default: QUEUE_PREFIX)')
    .option('--actor <name>', 'who acts, for the audit log (default: OS user)')
    .exitOverride()
    .showHelpAfterError()
    .configureOutput({
      writeOut: text => output.out(text.trimEnd()),
      writeErr: text => output.err(text.trimEnd()),
    });
  const context = createCliContext(output, env, () =>
    program.opts<GlobalOptions>(),
  );
  withExamples(program, [
    'inspector list --status dead',
    'inspector why 0b6f…',
    'REDIS_URL=redis://redis:6379 inspector stats --watch',
    'inspector --actor alice dlq replay --type email.send --dry-run',
  ]);
  for (const register of [
    listCommand,
    showCommand,
    whyCommand,
    flowCommand,
    retryCommand,
    cancelCommand,
    dlqCommand,
    statsCommand,
    workersCommand,
    pauseCommands,
    limitsCommand,
    cleanCommand,
    typesCommand,
    exportCommand,
    enqueueCommand,
    auditCommand,
    resealCommand,
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
    // Messages echo what they were given (an id, a stored value): escaped,
    // their lines after the first indented, so none passes for a line of
    // its own (see indentedLines).
    if (error instanceof UsageError) {
      output.err(`inspector: ${indentedLines(error.message)}`);
      output.err('(run with --help for usage and examples)');
      return ExitCode.usage;
    }
    if (error instanceof ErrandError) {
      output.err(`inspector: ${indentedLines(error.message)} [${error.code}]`);
      // A contract violation says which fields, one per line.
      for (const issue of error.issues.slice(0, 20)) {
        output.err(
          `  ${oneLine(issue.path || '/')}: ${oneLine(issue.message)}`,
        );
      }
      return exitCodeOf[error.code];
    }
    output.err(
      `inspector: ${indentedLines(error instanceof Error ? error.message : String(error))}`,
    );
    return ExitCode.failure;
  } finally {
    await context.close();
  }
}
