import type { Express } from 'express';

/** A route the app serves, in OpenAPI's path syntax (`/jobs/{id}`). */
export interface ServedRoute {
  method: string;
  path: string;
}

/** The parts of Express 5's router layers this walk reads. */
interface Layer {
  rawPath?: unknown;
  route?: { path: unknown; methods: Record<string, boolean> };
  handle: { stack?: Layer[] };
}

function* routesIn(stack: readonly Layer[]): Generator<ServedRoute> {
  for (const layer of stack) {
    if (layer.route) {
      const path = String(layer.route.path).replace(/:(\w+)/g, '{$1}');
      for (const [method, on] of Object.entries(layer.route.methods)) {
        if (on && method !== '_all') yield { method, path };
      }
    } else if (layer.handle.stack) {
      // A router: only those mounted at the root are walked, since Express
      // keeps no readable mount path. Fail rather than list wrong paths.
      if (layer.rawPath !== '/') {
        throw new Error(`A router is mounted at ${String(layer.rawPath)}`);
      }
      yield* routesIn(layer.handle.stack);
    }
  }
}

/**
 * Every method and path `app` routes, found by walking Express 5's router
 * stack, sorted. Middleware without a route (the 404 and error handlers)
 * is left out.
 */
export function listRoutes(app: Express): ServedRoute[] {
  const stack = (app.router as unknown as { stack: Layer[] }).stack;
  return [...routesIn(stack)].sort((a, b) =>
    `${a.path} ${a.method}`.localeCompare(`${b.path} ${b.method}`),
  );
}
