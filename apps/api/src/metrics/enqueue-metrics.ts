import type { RequestHandler } from 'express';
import { Counter, Histogram, type Registry } from 'prom-client';
import { enqueueOutcome, typeLabel } from './enqueue-outcome';

/** Seconds; an enqueue is one Redis round trip, usually a millisecond or two. */
const LATENCY_BUCKETS = [
  0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5,
];

/**
 * The enqueue routes and the `endpoint` label each gets; the compatibility
 * routes (routes/compat.router.ts) count as themselves, served or not.
 */
const ENDPOINTS: Record<string, string> = {
  '/enqueue': 'enqueue',
  '/enqueue/batch': 'batch',
  '/jobs': 'jobs',
  '/task': 'task',
  '/tasks': 'tasks',
};

/** The types a request asked for: one, or each job's of a batch. */
function requestedTypes(endpoint: string, body: unknown): string[] {
  if (endpoint === 'tasks') {
    return [
      typeLabel((body as { task_type?: unknown } | undefined)?.task_type),
    ];
  }
  if (endpoint !== 'batch') {
    return [typeLabel((body as { type?: unknown } | undefined)?.type)];
  }
  const jobs = (body as { jobs?: unknown } | undefined)?.jobs;
  if (!Array.isArray(jobs) || jobs.length === 0) return ['unknown'];
  return jobs.map(job => typeLabel((job as { type?: unknown } | null)?.type));
}

/**
 * Counts and times `POST /enqueue`, `POST /enqueue/batch` and the
 * compatibility enqueues (`POST /jobs`, `/task`, `/tasks`) once they are
 * answered, whatever answered them (the route, auth, a rate limit, the
 * error handler). Jobs are counted per type (a batch counts each of its
 * jobs); the latency is per request, labelled with the batch's type when
 * all its jobs share one, `mixed` otherwise. In-memory only: no Redis.
 */
export function enqueueMetrics(registry: Registry): RequestHandler {
  const jobs = new Counter({
    name: 'errand_enqueue_jobs_total',
    help: 'Jobs submitted to POST /enqueue, /enqueue/batch and the compatibility routes (/jobs, /task, /tasks), by catalog type and outcome (accepted, replayed, rejected, denied, conflict, throttled, unavailable, error).',
    labelNames: ['endpoint', 'type', 'outcome'],
    registers: [registry],
  });
  const latency = new Histogram({
    name: 'errand_enqueue_request_duration_seconds',
    help: 'Time to answer an enqueue request, by endpoint, type and outcome.',
    labelNames: ['endpoint', 'type', 'outcome'],
    buckets: LATENCY_BUCKETS,
    registers: [registry],
  });
  return (req, res, next) => {
    const endpoint =
      req.method === 'POST'
        ? ENDPOINTS[req.path.replace(/\/$/, '')]
        : undefined;
    if (!endpoint) return next();
    const started = process.hrtime.bigint();
    res.once('finish', () => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const outcome = enqueueOutcome(
        res.statusCode,
        res.get('Idempotent-Replayed') === 'true',
      );
      const types = requestedTypes(endpoint, req.body);
      for (const type of types) jobs.inc({ endpoint, type, outcome });
      const type = types.every(t => t === types[0]) ? types[0] : 'mixed';
      latency.observe({ endpoint, type, outcome }, seconds);
    });
    next();
  };
}
