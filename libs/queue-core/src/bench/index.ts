/**
 * `@errand/queue-core/bench`: the consumer's inner layers, for the bench
 * alone (tools/bench/baselines/layer-worker.ts), which measures the
 * worker's CPU per job one layer at a time. Apps use the main door; this
 * one exists so the bench reaches these parts through a declared export
 * rather than by relative path into the sources.
 */
export { InFlightJobs } from '../worker/in-flight-jobs';
export { createJobProcessor } from '../worker/process-job';
export { startConsumer } from '../worker/start-consumer';
export { jobOptionsFor } from '../store/job-options';
