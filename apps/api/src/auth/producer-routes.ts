/** One route as the OpenAPI document names it: lower-case method, `{param}` path. */
export interface ProducerRoute {
  method: 'get' | 'post';
  path: string;
  /** Whether it enqueues: a scoped key's 403 and a full queue's 429 apply. */
  enqueues: boolean;
}

/**
 * The routes a `producer` key may call: the one table both the API's
 * `authorize` (route-roles.ts) and the OpenAPI document
 * (openapi/access-control.ts) read, so they cannot disagree. Everything
 * else (cancel, replay, the dead-letter queue, stats, schedules, the
 * dashboard, and any route added later until it is listed here) needs
 * `admin`: new routes are closed by default.
 */
export const producerRoutes: readonly ProducerRoute[] = [
  { method: 'post', path: '/enqueue', enqueues: true },
  { method: 'post', path: '/enqueue/batch', enqueues: true },
  { method: 'get', path: '/jobs/{id}', enqueues: false },
  { method: 'get', path: '/jobs/{id}/events', enqueues: false },
  // Flows: a producer stores and reads its own; cancelling one needs admin.
  { method: 'post', path: '/flows', enqueues: true },
  { method: 'get', path: '/flows/{id}', enqueues: false },
  // The compatibility routes (routes/compat.router.ts) enqueue and read
  // exactly as the routes above do.
  { method: 'post', path: '/jobs', enqueues: true },
  { method: 'post', path: '/task', enqueues: true },
  { method: 'get', path: '/task/{id}', enqueues: false },
  { method: 'post', path: '/tasks', enqueues: true },
  { method: 'get', path: '/tasks/{id}', enqueues: false },
];

/**
 * A route's path as a pattern for Express's `req.path`: each `{param}` is
 * one non-empty segment, and a trailing slash is allowed.
 */
function patternOf(path: string): RegExp {
  const segments = path.replace(/\{[^}/]+\}/g, '[^/]+');
  return new RegExp(`^${segments}/?$`);
}

const compiled = producerRoutes.map(route => ({
  method: route.method.toUpperCase(),
  pattern: patternOf(route.path),
}));

/** Whether a request (upper-case method, as Express gives it) is a producer route. */
export function isProducerRequest(method: string, path: string): boolean {
  return compiled.some(
    route => route.method === method && route.pattern.test(path),
  );
}
