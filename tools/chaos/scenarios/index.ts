import type { Scenario } from '../scenario';
import { flowsScenario } from './flows.scenario';
import { poisonJobsScenario } from './poison-jobs.scenario';
import { redisCrashScenario } from './redis-crash.scenario';
import { redisFreezeScenario } from './redis-freeze.scenario';
import { redisOutageScenario } from './redis-outage.scenario';
import { rollingRestartScenario } from './rolling-restart.scenario';
import { selfTestDuplicateScenario } from './self-test-duplicate.scenario';
import { selfTestFlowsScenario } from './self-test-flows.scenario';
import { selfTestLostScenario } from './self-test-lost.scenario';
import { workerKillScenario } from './worker-kill.scenario';

/** The checker's self-tests: they must pass before any scenario counts. */
export const selfTests: readonly Scenario[] = [
  selfTestLostScenario,
  selfTestDuplicateScenario,
  selfTestFlowsScenario,
];

/** The scenarios of docs/reliability.md, in its order. */
export const scenarios: readonly Scenario[] = [
  workerKillScenario,
  redisCrashScenario,
  redisOutageScenario,
  redisFreezeScenario,
  rollingRestartScenario,
  poisonJobsScenario,
  flowsScenario,
];
