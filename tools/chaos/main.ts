import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { Command, InvalidArgumentError } from 'commander';
import { ROOT } from '@errand/local-redis';
import { toBoundsTable, toCountsTable, writeReport } from './report';
import type { ScenarioResult } from './scenario';
import { scenarios, selfTests } from './scenarios';

/**
 * `npm run chaos`: builds the apps, runs the checker's self-tests, then
 * every scenario (or the ones `--only` names) against the built bundles;
 * prints both tables and writes JSON to reports/chaos/. Exits 1 if a
 * self-test or a bound fails.
 */
async function main(): Promise<void> {
  const positive = (value: string) => {
    const n = Number(value);
    if (!(n > 0)) throw new InvalidArgumentError('a number above 0');
    return n;
  };
  const options = new Command('chaos')
    .description(
      'Kills workers and Redis under load and checks that nothing acknowledged is lost.',
    )
    .option('--scale <factor>', 'multiplies the job counts', positive, 1)
    .option('--only <names>', 'comma-separated scenario names')
    .option('--apps <kind>', 'bundles (dist/) or sources (tsx)', 'bundles')
    .option('--skip-self-tests', 'run the scenarios only')
    .parse()
    .opts<{
      scale: number;
      only?: string;
      apps: string;
      skipSelfTests?: boolean;
    }>();
  const apps = options.apps === 'sources' ? 'sources' : 'bundles';
  const only = options.only?.split(',');
  const chosen = scenarios.filter(s => !only || only.includes(s.name));
  const baseDir = mkdtempSync(join(tmpdir(), 'errand-chaos-'));
  const settings = {
    scale: options.scale,
    apps,
    baseDir,
    slackMs: 0,
    log: (line: string) => console.log(line),
  } as const;
  const startedAt = new Date().toISOString();
  const results: ScenarioResult[] = [];
  try {
    for (const scenario of [
      ...(options.skipSelfTests ? [] : selfTests),
      ...chosen,
    ]) {
      console.log(`${scenario.title}…`);
      const result = await scenario.run(settings);
      results.push(result);
      console.log(
        `  ${result.pass ? 'pass' : 'FAIL'} in ${Math.round(result.durationMs / 1_000)} s`,
      );
      if (!result.pass && selfTests.includes(scenario)) {
        console.log(
          '  a self-test failed: the checker cannot be trusted; stopping.',
        );
        break;
      }
    }
  } finally {
    rmSync(baseDir, { recursive: true, force: true });
  }
  const pass = results.every(r => r.pass);
  console.log(`\n${toCountsTable(results)}\n\n${toBoundsTable(results)}\n`);
  const file = writeReport(join(ROOT, 'reports/chaos'), {
    startedAt,
    scale: options.scale,
    apps,
    machine: {
      cpus: cpus().length,
      node: process.version,
      redis: execFileSync('redis-server', ['--version']).toString().trim(),
    },
    pass,
    results,
  });
  console.log(
    `${pass ? 'All bounds held' : 'SOME BOUNDS FAILED'}; JSON in ${relative(ROOT, file)}`,
  );
  process.exit(pass ? 0 : 1);
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
