import type { CliContext } from '../cli-context';

/** More than a screen of jobs: then a bulk operation shows its progress. */
export function screenful(): number {
  return Math.max(10, (process.stdout.rows ?? 24) - 2);
}

/**
 * Runs `step` on each item in turn, rewriting one progress line on a
 * terminal's stderr (`retry 120/400`) when there are more items than fit on
 * a screen. Nothing is drawn when stderr is not a terminal.
 */
export async function eachWithProgress<T>(
  context: CliContext,
  label: string,
  items: readonly T[],
  step: (item: T) => Promise<void>,
): Promise<void> {
  const show = context.output.status && items.length > screenful();
  for (const [i, item] of items.entries()) {
    await step(item);
    if (show) context.output.status?.(`${label} ${i + 1}/${items.length}`);
  }
  if (show) context.output.status?.('');
}
