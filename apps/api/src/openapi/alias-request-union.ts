import {
  indexJobAliases,
  type JobDefinition,
  type JsonSchema,
  toJsonSchema,
} from '@errand/contracts';
import { variantOf } from './enqueue-request-union';
import { schemaNameOf } from './schema-names';

/** The component listing every alias body; absent when there are none. */
const ALIAS_REQUEST = 'AliasEnqueueRequest';

/**
 * The enqueue body under each alias of the catalog, as components: per
 * alias a `<Type>As<Alias>EnqueueRequest` variant (and, when its adapter
 * renames fields, its own `<Type>As<Alias>Payload`), and the union of them
 * all as `AliasEnqueueRequest`. Kept apart from `EnqueueRequest`, which
 * documents the catalog names new clients should use.
 */
export function buildAliasRequestSchemas(
  catalog: Readonly<Record<string, JobDefinition>>,
): Record<string, JsonSchema> {
  const components: Record<string, JsonSchema> = {};
  const mapping: Record<string, string> = {};
  for (const alias of indexJobAliases(catalog).values()) {
    const definition = catalog[alias.type] as JobDefinition;
    const prefix = `${schemaNameOf(alias.type)}As${schemaNameOf(alias.name)}`;
    let payloadName = `${schemaNameOf(alias.type)}Payload`;
    if (Object.keys(alias.renames).length > 0) {
      payloadName = `${prefix}Payload`;
      components[payloadName] = {
        ...toJsonSchema(alias.payload),
        description: `The ${alias.type} payload as ${alias.name} clients send it: ${Object.entries(
          alias.renames,
        )
          .map(([from, to]) => `\`${from}\` for \`${to}\``)
          .join(', ')}.`,
      };
    }
    components[`${prefix}EnqueueRequest`] = variantOf(
      alias.name,
      definition,
      payloadName,
      alias.type,
    );
    mapping[alias.name] = `#/components/schemas/${prefix}EnqueueRequest`;
  }
  if (Object.keys(mapping).length === 0) return components;
  components[ALIAS_REQUEST] = {
    description:
      'A job asked for under one of its aliases: stored under its catalog type.',
    oneOf: Object.values(mapping).map($ref => ({ $ref })),
    discriminator: { propertyName: 'type', mapping },
  };
  return components;
}
