import type { TObject } from '@sinclair/typebox';
// The configuration reference is generated from the schemas the apps load
// at start-up, so this one folder of tools imports the apps' config modules
// (allowed by name in eslint.config.mjs); nothing else of the apps.
import { ApiConfig } from '../../apps/api/src/config';
import { InspectorConfig } from '../../apps/inspector/src/inspector-config';
import { WorkerConfig } from '../../apps/worker/src/config';

/** An app and the schema of the environment variables it reads. */
export interface AppSchema {
  app: string;
  schema: TObject;
}

/** Every app's configuration schema, in the order the reference lists them. */
export const APP_SCHEMAS: readonly AppSchema[] = [
  { app: 'api', schema: ApiConfig },
  { app: 'worker', schema: WorkerConfig },
  { app: 'inspector', schema: InspectorConfig },
];
