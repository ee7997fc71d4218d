import { Router, type RequestHandler } from 'express';
import type { Registry } from 'prom-client';

/** Renders `registry` as Prometheus text. */
function metricsHandler(registry: Registry): RequestHandler {
  return async (_req, res) => {
    const body = await registry.metrics();
    res.type(registry.contentType).send(body);
  };
}

/**
 * `GET /metrics`. Mounted by createApp on the API port, or alone on
 * `API_METRICS_PORT` by main.ts. Put guards before it to restrict it:
 * `metricsRouter(registry, authenticate(keys), requireRole('admin'))`.
 */
export function metricsRouter(
  registry: Registry,
  ...guards: RequestHandler[]
): Router {
  const router = Router();
  router.get('/metrics', ...guards, metricsHandler(registry));
  return router;
}
