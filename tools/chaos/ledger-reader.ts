import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LedgerRecord } from './chaos-types';

/**
 * Every record of every worker's ledger in `dir` (`ledger-<pid>.jsonl`).
 * A line cut short by a kill mid-write is skipped: it was never complete,
 * so the job was not acknowledged after it.
 */
export function readLedger(dir: string): LedgerRecord[] {
  let files: string[];
  try {
    files = readdirSync(dir).filter(f => /^ledger-\d+\.jsonl$/.test(f));
  } catch {
    return [];
  }
  return files.flatMap(file =>
    readFileSync(join(dir, file), 'utf8')
      .split('\n')
      .flatMap(line => {
        try {
          return line ? [JSON.parse(line) as LedgerRecord] : [];
        } catch {
          return [];
        }
      }),
  );
}
