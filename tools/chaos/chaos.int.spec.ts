import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Bound, Scenario, ScenarioSettings } from './scenario';
import { flowsScenario } from './scenarios/flows.scenario';
import { redisCrashScenario } from './scenarios/redis-crash.scenario';
import { selfTestDuplicateScenario } from './scenarios/self-test-duplicate.scenario';
import { selfTestFlowsScenario } from './scenarios/self-test-flows.scenario';
import { selfTestLostScenario } from './scenarios/self-test-lost.scenario';
import { workerKillScenario } from './scenarios/worker-kill.scenario';

/**
 * The short version of `npm run chaos`: the checkers' self-tests and
 * scenarios 1, 2 and 7 (flows) at a twentieth of their size, against the apps'
 * sources (never a stale build). Time bounds get 5 s of slack for a CI
 * machine busy with other suites; counts (lost, duplicates) get none.
 */
describe('the chaos suite, short version', () => {
  let baseDir: string;
  let settings: ScenarioSettings;
  beforeAll(() => {
    baseDir = mkdtempSync(join(tmpdir(), 'errand-chaos-'));
    settings = {
      scale: 0.05,
      apps: 'sources',
      baseDir,
      slackMs: 5_000,
      log: () => undefined,
    };
  });
  afterAll(() => rmSync(baseDir, { recursive: true, force: true }));

  /** Runs `scenario`; its failed bounds are the test's message. */
  /** One scenario's run, start-up of four tsx processes included. */
  const TIMEOUT_MS = 90_000;

  async function failedBounds(scenario: Scenario): Promise<Bound[]> {
    const result = await scenario.run(settings);
    return result.bounds.filter(b => !b.pass);
  }

  describe('the self-tests', () => {
    it(
      'reports lost jobs when Redis without persistence is killed',
      async () => {
        expect(await failedBounds(selfTestLostScenario)).toEqual([]);
      },
      TIMEOUT_MS,
    );

    it(
      'reports each duplicate completion of a handler that completes twice',
      async () => {
        expect(await failedBounds(selfTestDuplicateScenario)).toEqual([]);
      },
      TIMEOUT_MS,
    );

    it(
      'reports a flow parent released before its children ended, and one completed twice',
      async () => {
        expect(await failedBounds(selfTestFlowsScenario)).toEqual([]);
      },
      TIMEOUT_MS,
    );
  });

  it(
    'loses nothing while workers are SIGKILLed every 2 s, and recovers each job in time',
    async () => {
      expect(await failedBounds(workerKillScenario)).toEqual([]);
    },
    TIMEOUT_MS,
  );

  it(
    'loses nothing acknowledged when Redis is SIGKILLed twice, answers 503 meanwhile, and workers resume',
    async () => {
      expect(await failedBounds(redisCrashScenario)).toEqual([]);
    },
    TIMEOUT_MS,
  );

  /**
   * Its kills go on after the last post until every parent has run (up to
   * 30 s more when one is stuck), so that a stuck parent fails a bound
   * with its name rather than the test's timeout. About 50 s on a 2-core
   * machine at a load of 24.
   */
  const FLOWS_TIMEOUT_MS = 150_000;

  it(
    'runs each flow parent once, after its children, while workers are SIGKILLed and Redis crashes',
    async () => {
      expect(await failedBounds(flowsScenario)).toEqual([]);
    },
    FLOWS_TIMEOUT_MS,
  );
});
