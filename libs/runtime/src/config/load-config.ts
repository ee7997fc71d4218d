import { existsSync } from 'node:fs';
import type { Static, TObject } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { maskSecrets } from '../logging/redact-secrets';
import { ConfigError } from './config-error';

/** The environment as Node gives it. */
export type Environment = Record<string, string | undefined>;

/**
 * Where `npm start` publishes the settings of the local stack it runs (the
 * URL of its private Redis), so that `npx inspector` in another terminal
 * finds it. Removed when the stack stops.
 */
export const LOCAL_STACK_ENV = '.data/local-stack.env';

/**
 * Reads `.env`, then the running local stack's settings, into `process.env`
 * when the files exist. Variables that are already set win, so the real
 * environment overrides both files, and `.env` overrides the stack's.
 */
export function loadDotEnv(paths = ['.env', LOCAL_STACK_ENV]): void {
  for (const path of paths) {
    if (existsSync(path)) process.loadEnvFile(path);
  }
}

/**
 * Builds a typed configuration from environment variables: picks the
 * schema's variables, turns strings into numbers and booleans, fills
 * defaults, and checks the result. A bad value stops the app with a
 * {@link ConfigError} naming every variable that is wrong and what it takes.
 */
export function loadConfig<Schema extends TObject>(
  schema: Schema,
  env: Environment = process.env,
): Static<Schema> {
  const raw: Record<string, string> = {};
  for (const name of Object.keys(schema.properties)) {
    const value = env[name];
    // An empty variable means "not set", as in most shells' `VAR= cmd`.
    if (value !== undefined && value !== '') raw[name] = value;
  }
  // Convert works in place; `raw` keeps the strings for the error messages.
  const converted = {
    ...(Value.Convert(schema, { ...raw }) as Record<string, unknown>),
    ...numbersIn(schema, raw),
  };
  const config = Value.Default(schema, converted);
  if (Value.Check(schema, config)) return config;

  const issues = new Map<string, string>();
  for (const error of Value.Errors(schema, config)) {
    const name = error.path.replace(/^\//, '');
    if (issues.has(name)) continue;
    const property = schema.properties[name];
    const given = name in raw ? ` (got ${shown(name, raw[name])})` : '';
    const hint = property?.description ? ` ${property.description}` : '';
    issues.set(name, `${error.message}${given}.${hint}`);
  }
  throw new ConfigError(
    [...issues].map(([path, message]) => ({ path, message })),
  );
}

/** Variables whose values are credentials: named like keys and secrets. */
const SECRET_VARIABLE = /KEY|SECRET|PASSWORD|TOKEN|CREDENTIAL/;

/**
 * A bad value as the error message may show it: a start-up error reaches
 * the console and log collectors, so a credential is never echoed (only its
 * length), and a URL's password is masked.
 */
function shown(name: string, value: string): string {
  if (SECRET_VARIABLE.test(name)) return `${value.length} characters`;
  return `"${maskSecrets(value)}"`;
}

/**
 * The numeric variables, each read as a whole string. TypeBox converts
 * integers with parseInt and truncation, which reads "80.5" as 80 and "1e3"
 * as 1; read whole, 80.5 fails the integer check and 1e3 is 1000. A string
 * that is no number is left for the check to reject.
 */
function numbersIn(
  schema: TObject,
  raw: Record<string, string>,
): Record<string, number> {
  const numbers: Record<string, number> = {};
  for (const [name, value] of Object.entries(raw)) {
    const { type } = schema.properties[name];
    const number = Number(value);
    const numeric = type === 'integer' || type === 'number';
    // Number() reads a blank string as 0; leave it for the check instead.
    if (numeric && value.trim() !== '' && !Number.isNaN(number)) {
      numbers[name] = number;
    }
  }
  return numbers;
}
