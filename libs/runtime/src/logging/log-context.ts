import { AsyncLocalStorage } from 'node:async_hooks';
import winston from 'winston';

/** Fields added to every line logged inside a {@link withLogFields} scope. */
export type LogFields = Readonly<Record<string, unknown>>;

/**
 * One store for the whole process: a request or a job sets its fields once,
 * and every line logged while it runs carries them, from any logger and any
 * library, without passing a child logger through every call.
 */
const scope = new AsyncLocalStorage<LogFields>();

/**
 * Runs `work` with `fields` on every line it logs, including lines logged
 * after it awaits. Nested scopes add to the outer one's fields.
 */
export function withLogFields<T>(fields: LogFields, work: () => T): T {
  const outer = scope.getStore();
  return scope.run(outer ? { ...outer, ...fields } : fields, work);
}

/** The fields of the current scope, if any. */
export function currentLogFields(): LogFields | undefined {
  return scope.getStore();
}

/**
 * Copies the scope's fields onto a line. A field the line sets itself wins:
 * a job's settled line knows its own attempt better than the scope does.
 */
export const scopeFields = winston.format(info => {
  const fields = scope.getStore();
  if (fields) {
    for (const [key, value] of Object.entries(fields)) {
      if (!(key in info)) info[key] = value;
    }
  }
  return info;
});
