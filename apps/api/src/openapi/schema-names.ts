import type { JsonSchema } from '@errand/contracts';
/** A `$ref` to a schema under `components.schemas`. */
export function componentRef(name: string): JsonSchema {
  return { $ref: `#/components/schemas/${name}` };
}

/**
 * The component name prefix for a job type: `email.send` → `EmailSend`, so
 * its payload is `EmailSendPayload`, as in `jobs/email-send.job.ts`.
 */
export function schemaNameOf(type: string): string {
  return type
    .split(/[^a-zA-Z0-9]+/)
    .map(part => part.charAt(0).toUpperCase() + part.slice(1))
    .join('');
}
