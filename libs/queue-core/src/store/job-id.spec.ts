import { randomUUID } from 'node:crypto';
import { jobTypes } from '@errand/contracts';
import { newJobId, typesOfJobId } from './job-id';

const UUID_V8 =
  /^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('job ids', () => {
  it.each(jobTypes)(
    'a new %s id is a UUIDv8 that names its type alone',
    type => {
      const id = newJobId(type);

      expect(id).toMatch(UUID_V8);
      expect(typesOfJobId(id)).toEqual([type]);
    },
  );

  it('gives every type of the catalog its own tag', () => {
    const tags = jobTypes.map(type => newJobId(type).slice(0, 4));

    expect(new Set(tags).size).toBe(jobTypes.length);
  });

  it('makes a different id each time', () => {
    expect(newJobId('system.noop')).not.toBe(newJobId('system.noop'));
  });

  it('stays distinct and well formed across many ids, as a flow makes them', () => {
    const ids = Array.from({ length: 2_000 }, () => newJobId('email.send'));

    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) {
      expect(id).toMatch(UUID_V8);
      expect(typesOfJobId(id)).toEqual(['email.send']);
    }
  });

  it.each([
    ['a UUIDv4, made before types were in ids', randomUUID()],
    ['a schedule run', 'repeat:errand.schedule:heartbeat:1700000000000'],
    ['a UUIDv8 with a tag no type has', '0000ffff-0000-8000-8000-000000000000'],
  ])('names every type for %s', (_, id) => {
    expect(typesOfJobId(id)).toEqual(jobTypes);
  });
});
