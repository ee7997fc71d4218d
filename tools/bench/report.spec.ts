import type { BenchRow } from './bench-row';
import { toMarkdownTable } from './report';

const drain: BenchRow = {
  section: 'drain',
  metric: 'one worker process',
  unit: 'jobs/s',
  errand: 7_500,
  baselineName: 'raw BullMQ',
  baseline: 10_000,
  better: 'higher',
  target: '≥ 1.0×',
};

describe('toMarkdownTable', () => {
  it('shows each figure, its baseline and Errand / baseline', () => {
    const [, , line] = toMarkdownTable([drain]).split('\n');

    expect(line).toBe(
      '| drain | one worker process | jobs/s | 7,500 | raw BullMQ | 10,000 | 0.75× | higher | ≥ 1.0× |',
    );
  });

  it('leaves the ratio out when there is no baseline', () => {
    const rss = { ...drain, baselineName: 'none', baseline: Number.NaN };

    expect(toMarkdownTable([rss])).toContain('| none | – | – |');
  });

  it('rounds small figures to hundredths', () => {
    const p50 = { ...drain, errand: 1.23456, baseline: 0.5 };

    expect(toMarkdownTable([p50])).toContain(
      '| 1.23 | raw BullMQ | 0.5 | 2.47× |',
    );
  });
});
