import { userInfo } from 'node:os';
import {
  payloadCipherFrom,
  limitDefaultsFrom,
  JobStore,
  redisUrlFrom,
  recordAudit,
  type AuditRecord,
} from '@errand/queue-core';
import { loadConfig, type Environment } from '@errand/runtime';
import { InspectorConfig } from './inspector-config';

/** Where a command writes; tests capture it. */
export interface CliOutput {
  out(text: string): void;
  err(text: string): void;
  /** Colour and tables are for people; pipes get plain text. */
  isTty: boolean;
  /**
   * Asks a person a yes/no question; absent when no one can answer (stdin
   * or stdout is not a terminal), and then destructive commands need --yes.
   */
  ask?(question: string): Promise<boolean>;
  /** Rewrites one status line in place (a terminal's stderr only). */
  status?(line: string): void;
}

/** The options every command takes, from the top-level program. */
export interface GlobalOptions {
  /** Overrides REDIS_URL. */
  redis?: string;
  /** Overrides QUEUE_PREFIX. */
  prefix?: string;
  /** Who acts, in the audit log and job histories. @defaultValue the OS user */
  actor?: string;
}

/** What every command receives. */
export interface CliContext {
  output: CliOutput;
  /**
   * The queues, opened on first use from REDIS_URL and QUEUE_PREFIX, with
   * the cipher of PAYLOAD_ENCRYPTION_KEYS (or PAYLOAD_ENCRYPTION_KEY).
   */
  queues(): JobStore;
  /** Who is acting: `--actor`, else the OS user. */
  actor(): string;
  /** Appends a destructive action to the audit log, as {@link actor}. */
  audit(record: Omit<AuditRecord, 'actor'>): Promise<void>;
}

/** How long a command waits on Redis before it reports it unavailable. */
const REDIS_DEADLINE_MS = 1_500;

function osUser(env: Environment): string {
  try {
    return userInfo().username;
  } catch {
    return env.USER ?? env.LOGNAME ?? 'unknown';
  }
}

/**
 * Builds the context for one run. The connection opens lazily, so `--help`
 * and usage errors never touch Redis; `close` shuts it if it was opened.
 * `globals` is read when a command first needs it, after parsing.
 */
export function createCliContext(
  output: CliOutput,
  env: Environment,
  globals: () => GlobalOptions,
): CliContext & { close(): Promise<void> } {
  let queues: JobStore | undefined;
  const context = {
    output,
    queues() {
      if (!queues) {
        const { redis, prefix } = globals();
        const config = loadConfig(InspectorConfig, {
          ...env,
          ...(redis !== undefined && { REDIS_URL: redis }),
          ...(prefix !== undefined && { QUEUE_PREFIX: prefix }),
        });
        queues = new JobStore({
          // --redis wins; else whichever topology the environment names.
          redisUrl:
            redis !== undefined ? config.REDIS_URL : redisUrlFrom(config),
          prefix: config.QUEUE_PREFIX,
          flowShards: config.FLOW_SHARDS,
          // Without a ring, writes of sensitive fields are refused while
          // encryption is on (see refuseClearSensitive in queue-core).
          cipher: payloadCipherFrom(config),
          // A job cancelled here sends its callback, signed as the API's.
          callbackSecret: config.CALLBACK_SIGNING_SECRET,
          // Redis unreachable must be reported within 2 s, in one line.
          deadlineMs: REDIS_DEADLINE_MS,
          limitDefaults: limitDefaultsFrom(config),
        });
      }
      return queues;
    },
    actor: () => globals().actor ?? osUser(env),
    async audit(record: Omit<AuditRecord, 'actor'>) {
      await recordAudit(context.queues(), {
        ...record,
        actor: context.actor(),
      });
    },
    async close() {
      await queues?.close();
    },
  };
  return context;
}
