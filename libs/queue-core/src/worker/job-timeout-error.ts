/** The attempt ran past its type's timeout; it counts as a failed attempt. */
export class JobTimeoutError extends Error {
  constructor(readonly timeoutMs: number) {
    super(`The attempt timed out after ${timeoutMs} ms.`);
    this.name = 'JobTimeoutError';
  }
}
