import {
  EnqueueRequest,
  type JobDefinition,
  type JsonSchema,
  toJsonSchema,
} from '@errand/contracts';
import { Type } from '@sinclair/typebox';
import type { OpenApiExample } from './openapi-object';
import { componentRef, schemaNameOf } from './schema-names';

// The envelope's options (retries, priority, delay, runAt) apply to every
// type; `type` and `payload` are what each variant narrows.
const {
  type: _type,
  payload: _payload,
  ...options
} = EnqueueRequest.properties;

/** The `POST /enqueue` body spelled out per job type. */
export interface EnqueueRequestSchemas {
  /**
   * Per type `<Name>Payload` (with its example), `<Name>Result` and the
   * `<Name>EnqueueRequest` variant, plus `EnqueueRequest`, the union.
   */
  components: Record<string, JsonSchema>;
  /** One example body per type, keyed by the type's name. */
  examples: Record<string, OpenApiExample>;
}

/**
 * One body variant: `name` is the type, or one of its aliases (then `type`
 * says which type it stands for).
 */
export function variantOf(
  name: string,
  definition: JobDefinition,
  payloadName: string,
  type = name,
): JsonSchema {
  const { retries, priority, timeoutMs } = definition.defaults;
  const aliases = Object.keys(definition.aliases ?? {});
  const aliasNote =
    name !== type
      ? `Alias of ${type}: the job is stored as ${type}, with requestedType ${name}. `
      : aliases.length
        ? `Also accepted as ${aliases.join(', ')} (aliases, see the compatibility routes). `
        : '';
  return toJsonSchema(
    Type.Object(
      {
        type: Type.Literal(name),
        payload: Type.Unsafe(componentRef(payloadName)),
        ...options,
      },
      {
        additionalProperties: false,
        title: name === type ? type : `${name} (alias of ${type})`,
        description:
          aliasNote +
          `${definition.description} Payload version ${definition.version}. ` +
          `Defaults: ${retries} retries, priority ${priority}, ` +
          `${timeoutMs} ms timeout per attempt. Set delay or runAt, not both.`,
        not: { required: ['delay', 'runAt'] },
      },
    ),
  );
}

/**
 * Builds the `POST /enqueue` request body as a discriminated union on
 * `type`: one variant per catalog type whose `payload` is that type's
 * contract, each with the type's example.
 */
export function buildEnqueueRequestSchemas(
  catalog: Readonly<Record<string, JobDefinition>>,
): EnqueueRequestSchemas {
  const components: Record<string, JsonSchema> = {};
  const examples: Record<string, OpenApiExample> = {};
  const mapping: Record<string, string> = {};
  for (const [type, definition] of Object.entries(catalog)) {
    const name = schemaNameOf(type);
    components[`${name}Payload`] = {
      ...toJsonSchema(definition.payload),
      examples: [structuredClone(definition.example)],
    };
    components[`${name}Result`] = toJsonSchema(definition.result);
    components[`${name}EnqueueRequest`] = variantOf(
      type,
      definition,
      `${name}Payload`,
    );
    mapping[type] = `#/components/schemas/${name}EnqueueRequest`;
    examples[type] = {
      summary: definition.description,
      value: { type, payload: structuredClone(definition.example) },
    };
  }
  components['EnqueueRequest'] = {
    description:
      'A job to run: its `type`, a `payload` that matches the type, and options.',
    oneOf: Object.values(mapping).map($ref => ({ $ref })),
    discriminator: { propertyName: 'type', mapping },
  };
  return { components, examples };
}
