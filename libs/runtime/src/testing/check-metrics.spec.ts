import { describeWithPromtool, promtoolProblems } from './check-metrics';

/** The checker's self-test: it must reject what Prometheus would. */
describeWithPromtool('promtoolProblems', () => {
  it('finds nothing wrong with clean exposition text', () => {
    const clean = [
      '# HELP errand_jobs_total Jobs done.',
      '# TYPE errand_jobs_total counter',
      'errand_jobs_total{type="email.send"} 3',
      '',
    ].join('\n');

    expect(promtoolProblems(clean)).toBe('');
  });

  it('reports a counter named against the conventions', () => {
    const misnamed = [
      '# HELP errand_jobs Jobs done.',
      '# TYPE errand_jobs counter',
      'errand_jobs 3',
      '',
    ].join('\n');

    expect(promtoolProblems(misnamed)).toContain(
      'counter metrics should have "_total" suffix',
    );
  });

  it('reports text Prometheus cannot parse', () => {
    expect(promtoolProblems('errand_jobs_total{type="a" 3\n')).toMatch(
      /parsing error/,
    );
  });
});
