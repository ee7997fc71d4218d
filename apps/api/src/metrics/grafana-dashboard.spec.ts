import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { JobStore } from '@errand/queue-core';
import { hasPromtool } from '@errand/runtime/testing';
import { createApiMetrics } from './api-metrics';

const ROOT = resolve(__dirname, '../../../..');
const DASHBOARD = resolve(ROOT, 'docker/grafana/errand-dashboard.json');

/** A registered metric as prom-client lists it. */
interface MetricInfo {
  name: string;
  type: string;
}

/** The series names a metric exposes: a histogram has three. */
function seriesOf({ name, type }: MetricInfo): string[] {
  return type === 'histogram' || type === 'summary'
    ? [`${name}_bucket`, `${name}_sum`, `${name}_count`, name]
    : [name];
}

/**
 * The worker's metrics, listed by a child process: an app may not import
 * another app's code (module boundaries), but it may run it.
 */
function workerMetrics(): MetricInfo[] {
  const script = `
    const { createWorkerMetrics } = require('./apps/worker/src/metrics/worker-metrics');
    const metrics = createWorkerMetrics().registry.getMetricsAsArray();
    process.stdout.write(JSON.stringify(metrics.map(m => ({ name: m.name, type: m.type }))));
    process.exit(0);
  `;
  const run = spawnSync(process.execPath, ['--import', 'tsx', '-e', script], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  if (run.status !== 0) throw new Error(run.stderr);
  return JSON.parse(run.stdout);
}

/** Words of PromQL that are not metric names. */
const KEYWORDS = new Set([
  'and',
  'or',
  'unless',
  'bool',
  'offset',
  'inf',
  'nan',
  'by',
  'without',
  'on',
  'ignoring',
  'group_left',
  'group_right',
]);

/**
 * The metric names a PromQL expression reads: identifiers that are not
 * functions or keywords, once strings, label matchers, ranges and grouping
 * clauses are taken out.
 */
function metricNamesIn(expr: string): string[] {
  const bare = expr
    .replace(/"(?:[^"\\]|\\.)*"/g, '""')
    .replace(/\{[^}]*\}/g, ' ')
    .replace(/\[[^\]]*\]/g, ' ')
    .replace(
      /\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/g,
      ' ',
    );
  const names = new Set<string>();
  for (const match of bare.matchAll(/([A-Za-z_:][\w:]*)(\s*\()?/g)) {
    const [, word, call] = match;
    const before = bare[(match.index ?? 0) - 1];
    if (
      call ||
      KEYWORDS.has(word.toLowerCase()) ||
      /[\d.$]/.test(before ?? '')
    ) {
      continue;
    }
    names.add(word);
  }
  return [...names];
}

/** Every query in the dashboard: panel targets and variable queries. */
function queriesOf(dashboard: unknown): string[] {
  const queries: string[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (node === null || typeof node !== 'object') return;
    for (const [key, value] of Object.entries(node)) {
      if (key === 'expr' && typeof value === 'string') queries.push(value);
      else if (key === 'definition' && typeof value === 'string') {
        // label_values(metric, label)
        const metric = /label_values\(\s*([\w:]+)/.exec(value)?.[1];
        if (metric) queries.push(metric);
      } else walk(value);
    }
  };
  walk(dashboard);
  return queries;
}

/** A dashboard panel, as much of it as the specs read. */
interface Panel {
  type: string;
  title: string;
  targets?: { expr?: unknown }[];
  panels?: Panel[];
}

/** Every panel, those inside collapsed rows included. */
function panelsOf(dashboard: unknown): Panel[] {
  const top = (dashboard as { panels?: Panel[] }).panels ?? [];
  return top.flatMap(p => [p, ...(p.panels ?? [])]);
}

/** The titles of panels (rows aside) with no query, or a blank one. */
function panelsWithoutQuery(dashboard: unknown): string[] {
  return panelsOf(dashboard)
    .filter(p => p.type !== 'row')
    .filter(
      p =>
        !p.targets?.length ||
        p.targets.some(t => typeof t.expr !== 'string' || !t.expr.trim()),
    )
    .map(p => p.title);
}

describe('panelsWithoutQuery', () => {
  it('names each panel with no query or a blank one, rows aside', () => {
    const panels = [
      { type: 'row', title: 'Jobs', panels: [] },
      { type: 'stat', title: 'fine', targets: [{ expr: 'up' }] },
      { type: 'stat', title: 'no targets' },
      {
        type: 'stat',
        title: 'blank',
        targets: [{ expr: 'up' }, { expr: ' ' }],
      },
      {
        type: 'row',
        title: 'Collapsed',
        panels: [{ type: 'stat', title: 'nested', targets: [{}] }],
      },
    ];

    expect(panelsWithoutQuery({ panels })).toEqual([
      'no targets',
      'blank',
      'nested',
    ]);
  });
});

describe('metricNamesIn', () => {
  it('finds the metrics and skips functions, labels, strings and ranges', () => {
    expect(
      metricNamesIn(
        'histogram_quantile(0.95, sum by (le, type) (rate(errand_job_run_duration_seconds_bucket{type=~"$type",x="a b"}[$__rate_interval]))) / on(type) group_left max(up) and bool 1e3',
      ),
    ).toEqual(['errand_job_run_duration_seconds_bucket', 'up']);
  });
});

describe('docker/grafana/errand-dashboard.json', () => {
  const dashboard: unknown = JSON.parse(readFileSync(DASHBOARD, 'utf8'));
  const queries = queriesOf(dashboard);

  it('has a query on every panel', () => {
    expect(
      panelsOf(dashboard).filter(p => p.type !== 'row').length,
    ).toBeGreaterThanOrEqual(18);
    expect(panelsWithoutQuery(dashboard)).toEqual([]);
  });

  it('reads only metrics the API and the worker expose', () => {
    const api = createApiMetrics({} as JobStore).registry.getMetricsAsArray();
    const exposed = new Set(
      [...api, ...workerMetrics()].flatMap(m => seriesOf(m as MetricInfo)),
    );

    const used = [...new Set(queries.flatMap(metricNamesIn))];
    const missing = used.filter(name => !exposed.has(name));

    expect(used).toEqual(
      expect.arrayContaining([
        'errand_jobs_processed_total',
        'errand_job_wait_duration_seconds_bucket',
        'errand_queue_jobs',
        'errand_enqueue_request_duration_seconds_bucket',
        'process_resident_memory_bytes',
      ]),
    );
    expect(missing).toEqual([]);
  });

  (hasPromtool() ? it : it.skip)(
    'has only queries Prometheus parses (promtool check rules)',
    () => {
      // Grafana's variables, as Grafana would fill them in.
      const exprs = queries.map(expr =>
        expr.replaceAll('$__rate_interval', '5m').replace(/\$\w+/g, '.*'),
      );
      const rules = [
        'groups:',
        '  - name: dashboard',
        '    rules:',
        ...exprs.flatMap((expr, i) => [
          `      - record: dashboard:query_${i}`,
          `        expr: ${JSON.stringify(expr)}`,
        ]),
      ].join('\n');
      const dir = mkdtempSync(join(tmpdir(), 'errand-dashboard-'));
      try {
        const file = join(dir, 'rules.yml');
        writeFileSync(file, rules);
        const check = spawnSync('promtool', ['check', 'rules', file], {
          encoding: 'utf8',
        });

        expect(`${check.stdout}${check.stderr}`).toContain(
          `SUCCESS: ${exprs.length} rules found`,
        );
        expect(check.status).toBe(0);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  );
});
