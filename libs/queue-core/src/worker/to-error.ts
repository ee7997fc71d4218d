/**
 * Turns whatever a handler threw into an `Error` that says what it was.
 * JavaScript lets code throw anything; BullMQ keeps only `err.message`, so
 * a thrown string, object or `null` would otherwise end as a dead job whose
 * last error reads `null`, with nothing to go on.
 */
export function toError(thrown: unknown): Error {
  if (thrown instanceof Error) return thrown;
  if (typeof thrown === 'string') return new Error(thrown);
  let shown: string;
  try {
    shown = JSON.stringify(thrown) ?? String(thrown);
  } catch {
    shown = String(thrown);
  }
  return new Error(`The handler threw a non-Error value: ${shown}`);
}
