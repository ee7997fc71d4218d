import type { JobView } from '@errand/contracts';
import { renderJobDetail, renderJobList } from './render-job';

// A webhook receiver's answer ends up in a job's error: what it says must
// stay inside its field, never start a line of its own or reach the
// terminal as an escape sequence.
const forged = 'nope\n12:00:00.000 info [worker] job succeeded\u001b[2J';
const escaped = 'nope\\n12:00:00.000 info [worker] job succeeded\\x1b[2J';

const job: JobView = {
  id: 'j1',
  type: 'webhook.deliver',
  status: 'dead',
  payload: {
    url: 'https://example.com/\u2028hook',
    body: { note: 'a\u202eb' },
  },
  priority: 0,
  attempts: { made: 1, allowed: 1 },
  result: null,
  lastError: {
    message: forged,
    stack: `Error: ${forged}\n    at deliver (webhook.ts:1:1)`,
  },
  createdAt: '2026-12-06T12:00:00.000Z',
  runAt: null,
  startedAt: '2026-12-06T12:00:00.000Z',
  finishedAt: '2026-12-06T12:00:01.000Z',
  progress: { percent: 50, message: 'half\rway' },
  timeline: [
    {
      at: '2026-12-06T12:00:01.000Z',
      event: 'failed',
      attempt: 1,
      worker: 'host:1',
      error: { message: forged, stack: null },
      next: 'dead',
    },
  ],
};

/** Every control character but the line feeds between lines. */
const CONTROL =
  // eslint-disable-next-line no-control-regex -- finding them is the point
  /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e]/g;
const controls = (text: string) => text.match(CONTROL) ?? [];

describe('renderJobDetail of a job its key holds', () => {
  const sentence =
    'key acme\u202e has 1 of 1 running; it starts when one ends (at the latest at 2026-12-06T12:01:00.000Z).';
  const held: JobView = {
    ...job,
    status: 'scheduled',
    runAt: '2026-12-06T12:01:00.000Z',
    heldBy: {
      reason: 'key.held',
      sentence,
      key: 'acme\u202e',
      running: 1,
      cap: 1,
    },
  };

  it('says why under its run time, on one escaped line', () => {
    const text = renderJobDetail(held, false);
    const line = text.split('\n').find(l => l.startsWith('held by:'));
    expect(line).toMatch(/^held by: {3}key acme.* has 1 of 1 running; /);
    expect(controls(line ?? '')).toEqual([]);
  });

  it('has no such line for a job nothing holds', () => {
    expect(renderJobDetail(job, false)).not.toContain('held by:');
  });
});

describe('renderJobDetail', () => {
  const text = renderJobDetail(job, false);
  const lines = text.split('\n');

  it('prints the error text escaped, on the line of its field', () => {
    expect(lines).toContain(`last error: ${escaped}`);
    expect(text).toContain(
      `  #1 2026-12-06T12:00:01.000Z on host:1: ${escaped}`,
    );
    expect(text).toContain(`error: ${escaped}`);
    expect(text).toContain('progress:  50% half\\rway');
  });

  it('lets no job data start a line or send a control character', () => {
    expect(lines.filter(line => line.includes('job succeeded'))).toEqual(
      lines.filter(line => line.includes('nope\\n12:00')),
    );
    expect(lines.some(line => line.startsWith('12:00:00.000'))).toBe(false);
    expect(controls(text)).toEqual([]);
  });

  it('keeps the stack on indented lines', () => {
    expect(lines).toContain(`  Error: ${escaped}`);
    expect(lines).toContain('      at deliver (webhook.ts:1:1)');
  });

  it('escapes line separators and bidi overrides in the payload', () => {
    expect(text).toContain('"url": "https://example.com/\\u2028hook"');
    expect(text).toContain('"note": "a\\u202eb"');
  });
});

describe('renderJobList', () => {
  it('keeps each job on one line, its error escaped', () => {
    const text = renderJobList([job], false);
    expect(text.split('\n')).toHaveLength(2);
    expect(text).toContain('nope\\n12:00:00.000 info [worker]');
    expect(controls(text)).toEqual([]);
  });
});
