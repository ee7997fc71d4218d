import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { JobContext } from '@errand/contracts/extension';
import { systemLedgerHandler } from './system-ledger.handler';

/** What `context.children()` resolves with. */
type ChildOutcomes = Awaited<ReturnType<JobContext['children']>>;

// A worker's whole context; the handler reads part of it.
const context = {
  jobId: 'job-1',
  type: 'system.ledger',
  attempt: 2,
  maxAttempts: 3,
  signal: new AbortController().signal,
  reportProgress: async () => undefined,
  pass: 1,
  children: async () => [],
};

describe('systemLedgerHandler', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'ledger-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  /** Every record of this process's ledger file, in order. */
  function records(): Array<Record<string, unknown>> {
    const [file] = readdirSync(dir);
    expect(file).toBe(`ledger-${process.pid}.jsonl`);
    return readFileSync(join(dir, file as string), 'utf8')
      .trim()
      .split('\n')
      .map(line => JSON.parse(line) as Record<string, unknown>);
  }

  it('writes a start and a done record before it completes', async () => {
    const outcome = await systemLedgerHandler({ ledgerDir: dir })(
      { ms: 5, ref: 'r-1' },
      context,
    );

    expect(outcome).toEqual({
      kind: 'completed',
      result: { pid: process.pid },
    });
    const [start, done] = records();
    expect(start).toEqual({
      id: 'job-1',
      ref: 'r-1',
      attempt: 2,
      event: 'start',
      pid: process.pid,
      at: expect.any(Number),
    });
    expect(done).toMatchObject({ id: 'job-1', event: 'done' });
    expect(Number(done?.at)).toBeGreaterThanOrEqual(Number(start?.at) + 4);
  });

  describe('when asked to read its children', () => {
    it('records in its done how many succeeded', async () => {
      // Children of a catalog type: system.ledger is an extension's.
      const outcomes: ChildOutcomes = [
        {
          type: 'system.sleep',
          id: 'c-1',
          status: 'succeeded',
          result: { sleptMs: 1 },
        },
        { type: 'system.sleep', id: 'c-2', status: 'pending' },
        {
          type: 'system.sleep',
          id: 'c-3',
          status: 'succeeded',
          result: { sleptMs: 1 },
        },
      ];
      const children = async () => outcomes;

      await systemLedgerHandler({ ledgerDir: dir })(
        { readChildren: true },
        { ...context, children },
      );

      const [start, done] = records();
      expect(start).not.toHaveProperty('childrenSucceeded');
      expect(done).toMatchObject({ event: 'done', childrenSucceeded: 2 });
    });
  });

  describe('when the worker has no LEDGER_DIR', () => {
    it('discards the job and says why', async () => {
      const outcome = await systemLedgerHandler({})({}, context);

      expect(outcome).toEqual({
        kind: 'discard',
        reason: expect.stringContaining('LEDGER_DIR is not set'),
      });
    });
  });

  describe('when a poison mode is asked of a worker without ERRAND_CHAOS', () => {
    it('discards the job without running it', async () => {
      const outcome = await systemLedgerHandler({ ledgerDir: dir })(
        { poison: 'exit' },
        context,
      );

      expect(outcome).toMatchObject({ kind: 'discard' });
      expect(readdirSync(dir)).toEqual([]);
    });
  });

  describe('with ERRAND_CHAOS', () => {
    const handler = () => systemLedgerHandler({ ledgerDir: dir, chaos: true });

    it('records the completion twice when asked to', async () => {
      await handler()({ poison: 'twice' }, context);

      expect(records().map(r => r.event)).toEqual(['start', 'done', 'done']);
    });

    it('throws a value that is not an Error', async () => {
      const thrown = await handler()({ poison: 'throw' }, context).catch(
        (error: unknown) => error,
      );

      expect(thrown).not.toBeInstanceOf(Error);
      expect(thrown).toEqual({ reason: expect.any(String) });
    });
  });
});
