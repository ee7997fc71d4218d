import { createHash, randomBytes } from 'node:crypto';
import { jobTypes, type JobType } from '@errand/contracts';

/**
 * Job ids carry their job's type, so a job is read from its own queue
 * without asking every type's (issue 16: a status poll cost 86 commands).
 *
 * Why in the id and not an index key: the id is already stored everywhere,
 * so the type costs no byte per job, no write in the enqueue and no key to
 * expire with the job. The id stays a valid UUID (the API document declares
 * `format: uuid`): a UUIDv8 (RFC 9562, "custom"), whose first 16 bits are a
 * tag of the type, the first two bytes of its SHA-256, and whose other 106
 * free bits are random. A hash rather than the type's place in the catalog,
 * so adding or reordering types never changes what an id says.
 *
 * Ids made before this (random UUIDv4), the runs of recurring schedules
 * (BullMQ names them) and an id whose tag no type has (a type renamed)
 * name no type: those are still found by asking every queue.
 */

/** Each type's tag, hashed once: a flow of 1 000 nodes makes 1 000 ids. */
const tagsByType = new Map<string, number>();

function tagOf(type: string): number {
  let tag = tagsByType.get(type);
  if (tag === undefined) {
    tag = createHash('sha256').update(type).digest().readUInt16BE(0);
    tagsByType.set(type, tag);
  }
  return tag;
}

/**
 * Random bytes drawn from the CSPRNG 4 KiB at a time, as Node's own
 * `randomUUID` caches them: one `randomBytes(16)` per id cost about 20 µs
 * on a loaded machine, 20 ms of a 1 000-node `POST /flows`
 * (docs/performance.md, Flows). Each slice is handed out once.
 */
const RANDOM_POOL_BYTES = 4_096;
let randomPool = Buffer.alloc(0);
let randomOffset = 0;

function random16(): Buffer {
  if (randomOffset + 16 > randomPool.length) {
    randomPool = randomBytes(RANDOM_POOL_BYTES);
    randomOffset = 0;
  }
  randomOffset += 16;
  return randomPool.subarray(randomOffset - 16, randomOffset);
}

/** The types whose tag is `tag`: one, unless two types' hashes collide. */
const typesByTag = new Map<number, JobType[]>();
for (const type of jobTypes) {
  const tag = tagOf(type);
  typesByTag.set(tag, [...(typesByTag.get(tag) ?? []), type]);
}

const UUID_V8 =
  /^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;

/** A new job id for a job of `type`: a random UUIDv8 carrying its tag. */
export function newJobId(type: JobType): string {
  return idOf(type, random16());
}

/**
 * The id of a job of `type` made for `seed` (one ended job's callback, say):
 * the same seed always gives the same id, so storing that job twice stores
 * it once. A UUIDv8 carrying the type's tag, its other bits from SHA-256.
 */
export function derivedJobId(type: JobType, seed: string): string {
  return idOf(type, createHash('sha256').update(seed).digest().subarray(0, 16));
}

/** Formats 16 bytes as a UUIDv8 whose first 16 bits are `type`'s tag. */
function idOf(type: JobType, bytes: Buffer): string {
  bytes.writeUInt16BE(tagOf(type), 0);
  bytes[6] = (bytes[6] & 0x0f) | 0x80; // version 8
  bytes[8] = (bytes[8] & 0x3f) | 0x80; // variant 10
  const hex = bytes.toString('hex');
  return [
    hex.slice(0, 8),
    hex.slice(8, 12),
    hex.slice(12, 16),
    hex.slice(16, 20),
    hex.slice(20),
  ].join('-');
}

/**
 * The types a job with id `id` can have: the one its id names (rarely two,
 * should two types' tags collide), or every type when the id names none.
 */
export function typesOfJobId(id: string): readonly JobType[] {
  if (!UUID_V8.test(id)) return jobTypes;
  return typesByTag.get(Number.parseInt(id.slice(0, 4), 16)) ?? jobTypes;
}
