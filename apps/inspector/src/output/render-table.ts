import Table from 'cli-table3';

/**
 * A table for people. On a terminal it has borders and a coloured header;
 * piped, it is plain columns separated by two spaces, easy to grep.
 */
export function renderTable(
  head: string[],
  rows: (string | number)[][],
  isTty: boolean,
): string {
  if (!isTty) {
    const cells = [head, ...rows].map(row => row.map(String));
    const widths = head.map((_, i) =>
      Math.max(...cells.map(row => row[i].length)),
    );
    return cells
      .map(row =>
        row
          .map((cell, i) => cell.padEnd(widths[i]))
          .join('  ')
          .trimEnd(),
      )
      .join('\n');
  }
  const table = new Table({ head, style: { head: ['cyan'] } });
  table.push(...rows.map(row => row.map(String)));
  return table.toString();
}
