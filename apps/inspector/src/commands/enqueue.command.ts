import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import {
  ContractViolationError,
  ErrorCode,
  parseEnqueueRequest,
} from '@errand/contracts';
import { enqueueJob, refuseClearSensitive } from '@errand/queue-core';
import type { CliContext } from '../cli-context';
import { renderJson } from '../output/render-json';
import { UsageError } from '../usage-error';
import { withExamples } from './examples';
import { parseJson } from './parse-json';
import { EXPORT_FORMAT, redactedPaths, type JobExport } from './job-export';

interface EnqueueOptions {
  payload?: unknown;
  fromFile?: string;
  priority?: number;
  retries?: number;
  json?: boolean;
}

/** The type and payload an export file holds; refuses redacted fields. */
async function readExport(
  file: string,
): Promise<{ type: string; payload: unknown; priority: number }> {
  let document: Partial<JobExport>;
  try {
    document = JSON.parse(await readFile(file, 'utf8')) as Partial<JobExport>;
  } catch (error) {
    throw new UsageError(
      `Cannot read ${file}: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  if (document.format !== EXPORT_FORMAT || !document.job) {
    throw new UsageError(
      `${file} is not an inspector export (format ${EXPORT_FORMAT}).`,
    );
  }
  const { type, payload, priority } = document.job;
  const redacted = redactedPaths(payload);
  if (redacted.length > 0) {
    const message = `Fill in the redacted sensitive fields first: "[redacted]" is not real data`;
    throw new ContractViolationError(
      ErrorCode.invalidPayload,
      `${file} has redacted fields (${redacted.map(p => `/payload${p}`).join(', ')}); fill them in before enqueueing.`,
      redacted.map(path => ({ path: `/payload${path}`, message })),
    );
  }
  return { type, payload, priority };
}

/**
 * `inspector enqueue <type> --payload '{...}'` or `--from-file export.json`:
 * checked against the contracts exactly as `POST /enqueue` checks.
 */
export function enqueueCommand(program: Command, context: CliContext): void {
  const command = program
    .command('enqueue')
    .description('Enqueue a job, validated against its contract.')
    .argument('[type]', 'the job type (not with --from-file)')
    .option('--payload <json>', 'the payload as JSON', parseJson)
    .option('--from-file <file>', 'a file written by `inspector export`')
    .option('--priority <n>', 'lower runs first; 0 is the highest', Number)
    .option('--retries <n>', 'retries after the first attempt', Number)
    .option('--json', 'print {id, type, status}')
    .action(async (type: string | undefined, options: EnqueueOptions) => {
      if (Boolean(options.fromFile) === Boolean(type)) {
        throw new UsageError(
          'Give a type with --payload, or --from-file, not both.',
        );
      }
      const source = options.fromFile
        ? await readExport(options.fromFile)
        : { type, payload: options.payload ?? {} };
      const request = parseEnqueueRequest({
        ...source,
        ...(options.priority !== undefined && { priority: options.priority }),
        ...(options.retries !== undefined && { retries: options.retries }),
      });
      const queues = context.queues();
      await refuseClearSensitive(queues, request.type, request.payload);
      const job = await enqueueJob(queues, request);
      context.output.out(
        options.json
          ? renderJson({ id: job.id, type: request.type, status: 'queued' })
          : `Enqueued ${request.type} job ${job.id}.`,
      );
    });
  withExamples(command, [
    `inspector enqueue email.send --payload '{"to":"a@example.com","subject":"Hi"}'`,
    'inspector enqueue --from-file 0b6f….json',
  ]);
}
