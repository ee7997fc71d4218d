export { killApp, spawnApp, type SpawnedApp } from './spawn-app';
export { waitUntilHealthy } from './wait-until-healthy';
export {
  describeWithPromtool,
  hasPromtool,
  promtoolProblems,
} from './check-metrics';
