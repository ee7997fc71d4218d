import { createServer, type Server } from 'node:http';
import type { Registry } from 'prom-client';

/** What the worker's small HTTP server exposes. */
export interface HealthServerOptions {
  port: number;
  registry: Registry;
  /** True while Redis is connected and every consumer runs. */
  isHealthy(): boolean;
}

/**
 * Serves `GET /metrics` (Prometheus text) and `GET /healthz` (200 while
 * consuming, 503 otherwise, so an orchestrator restarts a worker that
 * silently stopped). Resolves once listening.
 */
export function startHealthServer(
  options: HealthServerOptions,
): Promise<Server> {
  const server = createServer((req, res) => {
    const path = req.url?.split('?')[0];
    if (req.method === 'GET' && path === '/metrics') {
      options.registry.metrics().then(
        body => {
          res.writeHead(200, { 'content-type': options.registry.contentType });
          res.end(body);
        },
        () => res.writeHead(500).end(),
      );
      return;
    }
    if (req.method === 'GET' && path === '/healthz') {
      const healthy = options.isHealthy();
      res.writeHead(healthy ? 200 : 503, {
        'content-type': 'application/json',
      });
      res.end(JSON.stringify({ status: healthy ? 'ok' : 'unavailable' }));
      return;
    }
    res.writeHead(404, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ status: 'not found' }));
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, () => resolve(server));
  });
}
