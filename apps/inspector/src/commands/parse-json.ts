import { InvalidArgumentError } from 'commander';

/** A commander parser for a JSON argument (`--patch`, `--payload`). */
export function parseJson(value: string): unknown {
  try {
    return JSON.parse(value);
  } catch (error) {
    throw new InvalidArgumentError(
      `Not JSON: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}
