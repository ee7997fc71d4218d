import { createHash } from 'node:crypto';
import { makeApiKey } from './make-api-key';

describe('makeApiKey', () => {
  it('makes a 256-bit key whose SHA-256 is in the entry', () => {
    const { key, entry } = makeApiKey({ name: 'ci', role: 'producer' });

    expect(key).toMatch(/^errand_[A-Za-z0-9_-]{43}$/);
    const hash = createHash('sha256').update(key).digest('hex');
    expect(entry).toBe(`ci:producer:${hash}`);
    expect(entry).not.toContain(key);
  });

  it('makes a different key every time', () => {
    const first = makeApiKey({ name: 'ci', role: 'admin' });
    const second = makeApiKey({ name: 'ci', role: 'admin' });

    expect(first.key).not.toBe(second.key);
  });

  it('appends the job types a scoped key may enqueue', () => {
    const { entry } = makeApiKey({
      name: 'mailer',
      role: 'producer',
      types: ['email.send', 'system.noop'],
    });

    expect(entry).toMatch(
      /^mailer:producer:[0-9a-f]{64}:email\.send,system\.noop$/,
    );
  });

  describe('when the request is wrong', () => {
    it.each([
      [{ name: 'has space', role: 'admin' }, /--name/],
      [{ name: 'ci', role: 'root' }, /--role is producer or admin/],
      [
        { name: 'ci', role: 'producer', types: ['sms.send'] },
        /unknown job types: sms.send/,
      ],
    ])('refuses %j', (request, message) => {
      expect(() => makeApiKey(request)).toThrow(message);
    });
  });
});
