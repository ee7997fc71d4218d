import { createServer, type Server } from 'node:http';
import type { Registry } from 'prom-client';

/** What the worker's small HTTP server exposes. */
export interface HealthServerOptions {
  port: number;
  registry: Registry;
  /** True while Redis is connected and every consumer runs. */
  isHealthy(): boolean;
  /**
   * Readiness: consumers running and Redis taking writes. Unset, `/readyz`
   * answers as `/healthz`.
   */
  isReady?(): Promise<boolean>;
}

/**
 * Serves `GET /metrics` (Prometheus text) and `GET /healthz` (200 while
 * consuming, 503 otherwise, so an orchestrator restarts a worker that
 * silently stopped) and `GET /readyz` (200 while consuming and Redis takes
 * writes, 503 otherwise). Resolves once listening.
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
    if (req.method === 'GET' && path === '/readyz') {
      const check = options.isReady ?? (async () => options.isHealthy());
      check().then(
        ready => {
          res.writeHead(ready ? 200 : 503, {
            'content-type': 'application/json',
          });
          res.end(JSON.stringify({ status: ready ? 'ready' : 'unavailable' }));
        },
        () => res.writeHead(500).end(),
      );
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
