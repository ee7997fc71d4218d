import type { JobType } from '@errand/contracts';
import type { Principal } from './api-key';
import { ForbiddenError } from './forbidden-error';

/**
 * Refuses with a 403 naming the type when the principal's key is scoped to
 * other job types. Keys without a scope may enqueue every type.
 */
export function assertMayEnqueue(principal: Principal, type: JobType): void {
  if (principal.types && !principal.types.includes(type)) {
    throw new ForbiddenError(
      `The key "${principal.name}" may not enqueue ${type}; it may enqueue ${principal.types.join(', ')}.`,
    );
  }
}

/** The owner to store with a job: the key's name, none when open. */
export function ownerOf(principal: Principal): string | undefined {
  return principal.open ? undefined : principal.name;
}
