import { writeFileSync } from 'node:fs';
import { APP_SCHEMAS } from './config-schemas';
import {
  CONFIGURATION_DOC,
  CONFIGURATION_PATH,
  renderConfiguration,
} from './render-configuration';

// `npm run docs:config`: rewrites the configuration reference from the
// apps' schemas.
writeFileSync(CONFIGURATION_PATH, renderConfiguration(APP_SCHEMAS));
process.stdout.write(`wrote ${CONFIGURATION_DOC}\n`);
