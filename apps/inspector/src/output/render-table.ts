import Table from 'cli-table3';
import { oneLine } from './strip-control';

/**
 * A cell the inspector coloured itself (its escape codes are ours, so they
 * are kept on a terminal); `plain` is the cleaned text shown elsewhere.
 */
export class Painted {
  constructor(
    readonly plain: string,
    readonly painted: string,
  ) {}
}

/**
 * A table for people. On a terminal it has borders and a coloured header;
 * piped, it is plain columns separated by two spaces, easy to grep. Every
 * cell is stripped of control characters: cells carry job data.
 */
export function renderTable(
  head: string[],
  rows: (string | number | Painted)[][],
  isTty: boolean,
): string {
  const cells = rows.map(row =>
    row.map(cell =>
      cell instanceof Painted
        ? isTty
          ? cell.painted
          : cell.plain
        : oneLine(String(cell)),
    ),
  );
  if (!isTty) {
    const all = [head, ...cells];
    const widths = head.map((_, i) =>
      Math.max(...all.map(row => row[i].length)),
    );
    return all
      .map(row =>
        row
          .map((cell, i) => cell.padEnd(widths[i]))
          .join('  ')
          .trimEnd(),
      )
      .join('\n');
  }
  const table = new Table({ head, style: { head: ['cyan'] } });
  table.push(...cells);
  return table.toString();
}
