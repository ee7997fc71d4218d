import { mkdir, open, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';

/** One line of a ledger: a job started or finished in a worker process. */
interface LedgerRecord {
  id: string;
  /** The payload's `ref`, when it has one. */
  ref?: string;
  event: 'start' | 'done';
  attempt: number;
  /** On a `done` of a job asked to read its children: how many succeeded. */
  childrenSucceeded?: number;
  pid: number;
  /** Epoch ms. */
  at: number;
}

/** Appends records to `<dir>/ledger-<pid>.jsonl`, one JSON object a line. */
export interface LedgerFile {
  append(record: Omit<LedgerRecord, 'pid' | 'at'>): Promise<void>;
}

/**
 * A ledger file for this process, opened on first use. One file per
 * process, so writers never interleave; each record is one `write` on an
 * `O_APPEND` descriptor, in the kernel once the promise resolves. That
 * survives the worker's SIGKILL (the chaos suite's failure), though not a
 * host crash: no fsync, which would cost a disk flush per record.
 */
export function openLedgerFile(dir: string): LedgerFile {
  let file: Promise<FileHandle> | undefined;
  const handle = () =>
    (file ??= mkdir(dir, { recursive: true }).then(() =>
      open(join(dir, `ledger-${process.pid}.jsonl`), 'a'),
    ));
  return {
    async append(record) {
      const line: LedgerRecord = {
        ...record,
        pid: process.pid,
        at: Date.now(),
      };
      await (await handle()).write(`${JSON.stringify(line)}\n`);
    },
  };
}
