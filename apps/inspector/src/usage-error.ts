/**
 * Bad arguments found after commander parsed them (a flag that needs
 * another, a file that is not an export). Printed as one line with the
 * command's usage, exit code 2, like commander's own usage errors.
 */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}
