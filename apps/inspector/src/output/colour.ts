import { styleText } from 'node:util';
import type { JobStatus } from '@errand/contracts';
import { Painted } from './render-table';
import { oneLine } from './strip-control';

type Style = Parameters<typeof styleText>[0];

const statusStyle: Record<string, Style> = {
  queued: 'blue',
  scheduled: 'cyan',
  running: 'yellow',
  retrying: 'magenta',
  succeeded: 'green',
  dead: 'red',
  cancelled: 'gray',
};

/** A status cell, coloured on a terminal. */
export function statusCell(status: JobStatus | string): Painted {
  const plain = oneLine(status);
  return new Painted(
    plain,
    styleText(statusStyle[status] ?? 'reset', plain, { validateStream: false }),
  );
}
