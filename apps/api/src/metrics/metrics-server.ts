import type { Server } from 'node:http';
import express, { type RequestHandler } from 'express';
import type { Registry } from 'prom-client';
import { metricsRouter } from './metrics.router';

/**
 * Serves `GET /metrics` alone on its own port (`API_METRICS_PORT`), for a
 * network only Prometheus reaches; the API port then has no `/metrics`.
 * `guards` run first, e.g. an admin check. Resolves once listening.
 */
export function startMetricsServer(
  port: number,
  registry: Registry,
  ...guards: RequestHandler[]
): Promise<Server> {
  const app = express();
  app.disable('x-powered-by');
  app.use(metricsRouter(registry, ...guards));
  app.use((_req, res) => {
    res.status(404).json({ status: 'not found' });
  });
  return new Promise((resolve, reject) => {
    const server = app.listen(port, error =>
      error ? reject(error) : resolve(server),
    );
  });
}
