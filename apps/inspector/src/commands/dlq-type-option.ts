import { Option } from 'commander';
import { jobTypes } from '@errand/contracts';

/** `--type`, checked against the catalog, as every dlq command takes it. */
export const dlqTypeOption = () =>
  new Option('--type <type>', 'only this job type').choices(jobTypes);
