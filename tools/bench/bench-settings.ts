/** Sizes of one bench run; `--quick` keeps CI's smoke run under a minute. */
export interface BenchSettings {
  /** Jobs preloaded for each drain. */
  drainJobs: number;
  /** Alternating rounds of the flow section (limits, none); the median ratio is judged. */
  flowRounds: number;
  /** Jobs of one type each worker runs at once. */
  concurrency: number;
  /** Seconds of each HTTP and in-process enqueue run. */
  enqueueSeconds: number;
  /** Connections (and in-process loops) of the enqueue runs. */
  connections: number[];
  /** Jobs per batch, and batches per batch run. */
  batchSize: number;
  batches: number;
  /** Fixed rates of the latency runs, jobs/s, and how long each runs. */
  rates: number[];
  rateSeconds: number;
  /** Jobs for the memory figures. */
  memoryJobs: number;
  /** Runs of each worker layer (section 6); the median is reported. */
  layerRuns: number;
  /** Children under each flow's one parent (the flows section). */
  flowTreeChildren: number;
  /** Timed `POST /flows` and raw `FlowProducer.add` of it, each, alternated. */
  flowTreeRounds: number;
  /** Flows drained one at a time by each worker, alternated. */
  flowTreeDrains: number;
}

export const FULL: BenchSettings = {
  drainJobs: 20_000,
  flowRounds: 5,
  concurrency: 50,
  enqueueSeconds: 8,
  connections: [1, 10, 50],
  batchSize: 1_000,
  batches: 30,
  rates: [200, 1_000],
  rateSeconds: 8,
  memoryJobs: 10_000,
  layerRuns: 3,
  flowTreeChildren: 1_000,
  flowTreeRounds: 15,
  flowTreeDrains: 30,
};

export const QUICK: BenchSettings = {
  drainJobs: 1_000,
  flowRounds: 1,
  concurrency: 50,
  enqueueSeconds: 1.5,
  connections: [1, 10, 50],
  batchSize: 1_000,
  batches: 2,
  rates: [200, 1_000],
  rateSeconds: 1,
  memoryJobs: 500,
  layerRuns: 1,
  flowTreeChildren: 1_000,
  flowTreeRounds: 3,
  flowTreeDrains: 3,
};
