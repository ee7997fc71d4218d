import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * The `traceparent` of the work in progress (an HTTP request, say), so that
 * every job it enqueues stores it, by whichever route or helper enqueues
 * it, without threading it through every signature.
 */
const scope = new AsyncLocalStorage<string>();

/** Runs `work` with `traceparent` as the current trace. */
export function runInTrace<T>(traceparent: string, work: () => T): T {
  return scope.run(traceparent, work);
}

/** The current trace's `traceparent`, if `work` runs inside one. */
export function currentTraceparent(): string | undefined {
  return scope.getStore();
}
