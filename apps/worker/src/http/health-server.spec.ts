import type { Server } from 'node:http';
import { Registry } from 'prom-client';
import request from 'supertest';
import { findFreePort } from '@errand/local-redis';
import { createWorkerMetrics } from '../metrics/worker-metrics';
import { startHealthServer } from './health-server';

function stop(server: Server): Promise<void> {
  return new Promise(done => {
    server.close(() => done());
    server.closeAllConnections();
  });
}

describe('startHealthServer', () => {
  let server: Server;
  let healthy: boolean;
  const metrics = createWorkerMetrics();

  beforeEach(async () => {
    healthy = true;
    server = await startHealthServer({
      port: await findFreePort(),
      registry: metrics.registry,
      isHealthy: () => healthy,
    });
  });

  afterEach(async () => {
    if (server?.listening) await stop(server);
  });

  it('listens on the port it was given', async () => {
    const port = await findFreePort();
    const own = await startHealthServer({
      port,
      registry: metrics.registry,
      isHealthy: () => true,
    });
    try {
      expect(own.address()).toMatchObject({ port });
    } finally {
      await stop(own);
    }
  });

  describe('GET /metrics', () => {
    it('serves the Prometheus text, job counts included', async () => {
      metrics.observe({
        type: 'email.send',
        jobId: 'job-1',
        attempt: 1,
        settlement: 'succeeded',
        durationMs: 12,
        waitMs: 3,
      });

      const res = await request(server).get('/metrics');

      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toBe(metrics.registry.contentType);
      expect(res.text).toContain(
        'errand_jobs_processed_total{type="email.send",outcome="succeeded"} 1',
      );
    });

    it('ignores a query string', async () => {
      const res = await request(server).get('/metrics?format=text');

      expect(res.status).toBe(200);
    });
  });

  describe('GET /healthz', () => {
    it('answers 200 while the worker is healthy', async () => {
      const res = await request(server).get('/healthz');

      expect(res.status).toBe(200);
      expect(res.body).toEqual({ status: 'ok' });
    });

    it('answers 503 while it is not, and 200 again once it recovers', async () => {
      healthy = false;
      const down = await request(server).get('/healthz');
      healthy = true;
      const up = await request(server).get('/healthz');

      expect(down.status).toBe(503);
      expect(down.body).toEqual({ status: 'unavailable' });
      expect(up.status).toBe(200);
    });
  });

  describe('any other request', () => {
    it.each([
      ['GET', '/'],
      ['GET', '/metrics/extra'],
      ['POST', '/healthz'],
      ['DELETE', '/metrics'],
    ])('answers %s %s with a JSON 404', async (method, path) => {
      const res =
        await request(server)[
          method.toLowerCase() as 'get' | 'post' | 'delete'
        ](path);

      expect(res.status).toBe(404);
      expect(res.body).toEqual({ status: 'not found' });
    });
  });

  describe('when the registry fails to render', () => {
    it('answers GET /metrics with 500', async () => {
      const broken = new Registry();
      jest
        .spyOn(broken, 'metrics')
        .mockRejectedValue(new Error('collector failed'));
      const own = await startHealthServer({
        port: await findFreePort(),
        registry: broken,
        isHealthy: () => true,
      });
      try {
        const res = await request(own).get('/metrics');

        expect(res.status).toBe(500);
      } finally {
        await stop(own);
      }
    });
  });

  describe('when the port is taken', () => {
    it('rejects instead of resolving', async () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;

      await expect(
        startHealthServer({
          port,
          registry: metrics.registry,
          isHealthy: () => true,
        }),
      ).rejects.toMatchObject({ code: 'EADDRINUSE' });
    });
  });
});
