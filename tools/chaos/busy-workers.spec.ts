import type { LedgerRecord } from './chaos-types';
import { openStarts } from './busy-workers';

const rec = (
  id: string,
  event: LedgerRecord['event'],
  at: number,
): LedgerRecord => ({ id, event, attempt: 1, pid: 100, at });

describe('openStarts', () => {
  it('lists the jobs started and not yet done', () => {
    const records = [
      rec('a', 'start', 1),
      rec('b', 'start', 2),
      rec('a', 'done', 3),
      rec('c', 'start', 4),
    ];
    expect(openStarts(records)).toEqual(['b', 'c']);
  });

  it('is empty for a process between jobs or before its first', () => {
    expect(openStarts([])).toEqual([]);
    expect(openStarts([rec('a', 'start', 1), rec('a', 'done', 2)])).toEqual([]);
  });
});
