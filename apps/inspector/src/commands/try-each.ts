import { ErrandError, ErrorCode } from '@errand/contracts';
import type { CliContext } from '../cli-context';

/** One id a bulk command could not handle, and why. */
export interface ItemFailure {
  id: string;
  code: ErrorCode;
  message: string;
}

/**
 * Runs `work` for one id of a bulk command, collecting an Errand error as a
 * failure of that id. Redis going away, or any other error, stops the run.
 */
export async function tryEach(
  id: string,
  failed: ItemFailure[],
  work: () => Promise<void>,
): Promise<void> {
  try {
    await work();
  } catch (error) {
    if (
      !(error instanceof ErrandError) ||
      error.code === ErrorCode.queueUnavailable
    ) {
      throw error;
    }
    failed.push({ id, code: error.code, message: error.message });
  }
}

/**
 * Prints each failure on stderr and throws the first one, so the exit code
 * is the first failure's (the others are printed before it).
 */
export function reportFailures(
  context: CliContext,
  failed: readonly ItemFailure[],
): void {
  if (failed.length === 0) return;
  const [first, ...rest] = failed;
  for (const f of rest)
    context.output.err(`inspector: ${f.message} [${f.code}]`);
  throw new ErrandError(first.code, first.message);
}
