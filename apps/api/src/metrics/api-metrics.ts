import type { RequestHandler } from 'express';
import { Registry } from 'prom-client';
import type { JobStore } from '@errand/queue-core';
import { registerProcessMetrics } from '@errand/runtime';
import { enqueueMetrics } from './enqueue-metrics';
import {
  queueDepthMetrics,
  type QueueDepthOptions,
} from './queue-depth-collector';
import { flowMetrics } from './flow-metrics';

/** The API's Prometheus metrics. */
export interface ApiMetrics {
  /** What `GET /metrics` renders (see metrics.router.ts). */
  registry: Registry;
  /** Mount early: counts and times enqueue requests once answered. */
  observeEnqueue: RequestHandler;
}

/**
 * A registry of its own (two apps in one test process do not mix their
 * series) with process metrics, enqueue counts and latency, and the queue
 * depth gauges read from `queues` at scrape time.
 */
export function createApiMetrics(
  queues: JobStore,
  options: QueueDepthOptions = {},
): ApiMetrics {
  const registry = new Registry();
  registerProcessMetrics(registry);
  queueDepthMetrics(registry, queues, options);
  flowMetrics(registry, queues);
  return { registry, observeEnqueue: enqueueMetrics(registry) };
}
