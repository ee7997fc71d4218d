import { ErrandError } from '@errand/contracts';

/**
 * Ends a process that could not start. Errors we raise on purpose (a bad
 * variable, say) print just their message; anything else prints its stack.
 */
export function reportStartupFailure(error: unknown): never {
  if (error instanceof ErrandError) {
    console.error(`${error.message} [${error.code}]`);
  } else {
    console.error(error);
  }
  process.exit(1);
}
