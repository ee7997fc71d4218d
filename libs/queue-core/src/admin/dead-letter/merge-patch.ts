/**
 * JSON Merge Patch (RFC 7386): the patch's members replace the target's,
 * objects merge recursively, `null` removes a member, and anything that is
 * not an object (an array, a string, `null` itself) replaces the target
 * whole. Pure: neither argument is changed.
 */
export function mergePatch(target: unknown, patch: unknown): unknown {
  if (!isObject(patch)) return patch;
  const result: Record<string, unknown> = isObject(target) ? { ...target } : {};
  for (const [name, value] of Object.entries(patch)) {
    if (value === null) {
      delete result[name];
    } else {
      // defineProperty, not assignment: a `__proto__` member from JSON is
      // an ordinary member, never the object's prototype.
      Object.defineProperty(result, name, {
        value: mergePatch(result[name], value),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
  }
  return result;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
