import type { CliContext } from '../cli-context';
import { screenful } from './report-progress';

/** How often the estimate is redrawn. */
const REDRAW_MS = 250;

/**
 * Shows the progress of work that moves `total` items at `rate` per second
 * somewhere the CLI cannot watch (a replay runs inside queue-core), as an
 * estimate from the pace: `replay ~120/400`. Drawn only on a terminal's
 * stderr and for more than a screen of items, like the bulk commands' line.
 */
export async function withPacedProgress<T>(
  context: CliContext,
  label: string,
  total: number,
  rate: number,
  work: Promise<T>,
): Promise<T> {
  const { status } = context.output;
  if (!status || total <= screenful()) return work;
  const started = Date.now();
  const timer = setInterval(() => {
    const done = Math.min(
      total,
      Math.floor(((Date.now() - started) / 1_000) * rate) + 1,
    );
    status(`${label} ~${done}/${total}`);
  }, REDRAW_MS);
  try {
    return await work;
  } finally {
    clearInterval(timer);
    status('');
  }
}
