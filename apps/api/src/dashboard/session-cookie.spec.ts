import { createHash } from 'node:crypto';
import {
  keyFingerprint,
  readCookie,
  SESSION_TTL_MS,
  sessionMatchesKey,
  signSession,
  verifySession,
} from './session-cookie';

const SECRET = 'a-secret-of-at-least-32-characters!!';
const OPS = { name: 'ops', hash: createHash('sha256').update('k').digest() };
const ROTATED = {
  name: 'ops',
  hash: createHash('sha256').update('k2').digest(),
};

describe('dashboard sessions', () => {
  it('gives back the key name, a fingerprint, an id and the expiry', () => {
    const now = Date.now();
    const claims = verifySession(signSession(OPS, SECRET, now), SECRET, now);

    expect(claims).toEqual({
      name: 'ops',
      fingerprint: keyFingerprint(OPS.hash, SECRET),
      id: expect.stringMatching(/^[\w-]{22}$/),
      expiresAt: now + SESSION_TTL_MS,
    });
  });

  it('gives each login its own id', () => {
    const a = verifySession(signSession(OPS, SECRET), SECRET);
    const b = verifySession(signSession(OPS, SECRET), SECRET);

    expect(a?.id).not.toBe(b?.id);
  });

  it('holds the name, a fingerprint, an id and expiry, never the key or its hash', () => {
    const session = signSession(OPS, SECRET);
    const payload = Buffer.from(session.split('.')[0], 'base64url').toString();

    expect(Object.keys(JSON.parse(payload))).toEqual(['n', 'f', 'j', 'e']);
    for (const encoding of ['hex', 'base64', 'base64url'] as const) {
      expect(payload).not.toContain(OPS.hash.toString(encoding));
    }
  });

  it('matches the key it was made for, and not a key replaced under its name', () => {
    const claims = verifySession(signSession(OPS, SECRET), SECRET);

    expect(claims && sessionMatchesKey(claims, OPS, SECRET)).toBe(true);
    expect(claims && sessionMatchesKey(claims, ROTATED, SECRET)).toBe(false);
  });

  it('refuses one signed with another secret', () => {
    const session = signSession(OPS, `${SECRET}x`);

    expect(verifySession(session, SECRET)).toBeUndefined();
  });

  it('refuses one whose payload was changed', () => {
    const [, signature] = signSession(OPS, SECRET).split('.');
    const forged = Buffer.from(
      JSON.stringify({ n: 'root', f: 'x', j: 'y', e: Date.now() + 60_000 }),
    ).toString('base64url');

    expect(verifySession(`${forged}.${signature}`, SECRET)).toBeUndefined();
  });

  it('refuses an expired one', () => {
    const session = signSession(OPS, SECRET, Date.now() - SESSION_TTL_MS - 1);

    expect(verifySession(session, SECRET)).toBeUndefined();
  });

  it.each([undefined, '', 'x', 'a.b.c', '..', '%E0%A4%A'])(
    'refuses %j',
    value => {
      expect(verifySession(value, SECRET)).toBeUndefined();
    },
  );

  it('reads one cookie out of a Cookie header', () => {
    expect(
      readCookie('a=1; errand_session=x.y%3D; b=2', 'errand_session'),
    ).toBe('x.y=');
    expect(readCookie(undefined, 'errand_session')).toBeUndefined();
  });

  it('keeps a value that does not decode as it is, instead of throwing', () => {
    expect(readCookie('errand_session=%E0%A4%A', 'errand_session')).toBe(
      '%E0%A4%A',
    );
  });
});
