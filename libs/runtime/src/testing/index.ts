export { killApp, spawnApp, type AppExit, type SpawnedApp } from './spawn-app';
export { waitUntilHealthy } from './wait-until-healthy';
