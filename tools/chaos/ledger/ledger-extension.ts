/**
 * The chaos suite's `system.ledger` type, brought into its own API and
 * worker processes through the job type extension point of the contracts:
 * chaos-stack.ts preloads this module (`node --import tsx --import
 * <this file>`), before the app's code, so the catalog and the worker's
 * handlers include the type there and nowhere else. The production
 * bundles know nothing of it.
 *
 * Env, read by the worker's copy: `LEDGER_DIR`, the folder of the records
 * (unset: the type's jobs are discarded), and `ERRAND_CHAOS` (`true` or
 * `1`), which lets the poison modes run.
 *
 * It and the files it imports reach the contracts through their
 * `extension` door only: the main door builds the catalog, which must not
 * happen before the type is registered.
 */
import { registerJobTypeExtension } from '@errand/contracts/extension';
import { systemLedgerHandler } from './system-ledger.handler';
import { systemLedgerJob } from './system-ledger.job';

registerJobTypeExtension({
  name: 'system.ledger',
  definition: systemLedgerJob,
  handler: systemLedgerHandler({
    ledgerDir: process.env.LEDGER_DIR || undefined,
    chaos: ['true', '1'].includes(process.env.ERRAND_CHAOS ?? ''),
  }),
});
