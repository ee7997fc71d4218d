import { QueueSet, RedisConfig } from '@errand/queue-core';
import { loadConfig, type Environment } from '@errand/runtime';
import { Type } from '@sinclair/typebox';

/** Where a command writes; tests capture it. */
export interface CliOutput {
  out(text: string): void;
  err(text: string): void;
  /** Colour and tables are for people; pipes get plain text. */
  isTty: boolean;
}

/** What every command receives. */
export interface CliContext {
  output: CliOutput;
  /** The queues, opened on first use from REDIS_URL and QUEUE_PREFIX. */
  queues(): QueueSet;
}

const InspectorConfig = Type.Object({ ...RedisConfig });

/**
 * Builds the context for one run. The connection opens lazily, so `--help`
 * and usage errors never touch Redis; `close` shuts it if it was opened.
 */
export function createCliContext(
  output: CliOutput,
  env: Environment,
): CliContext & { close(): Promise<void> } {
  let queues: QueueSet | undefined;
  return {
    output,
    queues() {
      if (!queues) {
        const config = loadConfig(InspectorConfig, env);
        queues = new QueueSet({
          redisUrl: config.REDIS_URL,
          prefix: config.QUEUE_PREFIX,
          // A person is waiting, not a client with a 1 s budget.
          deadlineMs: 3_000,
        });
      }
      return queues;
    },
    async close() {
      await queues?.close();
    },
  };
}
