import type { JobDefinition } from '../catalog/job-definition';
import { MissingUpcasterError } from '../errors/missing-upcaster-error';

/**
 * Brings a payload written at `fromVersion` up to the definition's version
 * by applying its upcasters in turn (v1 → v2 → v3 …). A payload already at
 * the current version comes back as it is.
 */
export function upcastPayload(
  type: string,
  definition: Pick<JobDefinition, 'version' | 'upcasters'>,
  payload: unknown,
  fromVersion: number,
): unknown {
  let upcast = payload;
  for (let version = fromVersion; version < definition.version; version++) {
    const upcaster = definition.upcasters?.[version];
    if (!upcaster) throw new MissingUpcasterError(type, version);
    upcast = upcaster(upcast);
  }
  return upcast;
}
