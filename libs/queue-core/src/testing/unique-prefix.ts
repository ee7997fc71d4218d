import { randomUUID } from 'node:crypto';

/** A queue prefix no other test uses, so tests never see each other's jobs. */
export function uniquePrefix(): string {
  return `test-${randomUUID().slice(0, 8)}`;
}
