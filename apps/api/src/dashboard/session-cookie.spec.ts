import {
  readCookie,
  SESSION_TTL_MS,
  signSession,
  verifySession,
} from './session-cookie';

const SECRET = 'a-secret-of-at-least-32-characters!!';

describe('dashboard sessions', () => {
  it('gives back the key name of a session it signed', () => {
    expect(verifySession(signSession('ops', SECRET), SECRET)).toBe('ops');
  });

  it('holds the name and expiry, never a key', () => {
    const session = signSession('ops', SECRET);
    const payload = Buffer.from(session.split('.')[0], 'base64url').toString();

    expect(Object.keys(JSON.parse(payload))).toEqual(['n', 'e']);
  });

  it('refuses one signed with another secret', () => {
    const session = signSession('ops', `${SECRET}x`);

    expect(verifySession(session, SECRET)).toBeUndefined();
  });

  it('refuses one whose payload was changed', () => {
    const [, signature] = signSession('ops', SECRET).split('.');
    const forged = Buffer.from(
      JSON.stringify({ n: 'root', e: Date.now() + 60_000 }),
    ).toString('base64url');

    expect(verifySession(`${forged}.${signature}`, SECRET)).toBeUndefined();
  });

  it('refuses an expired one', () => {
    const session = signSession('ops', SECRET, Date.now() - SESSION_TTL_MS - 1);

    expect(verifySession(session, SECRET)).toBeUndefined();
  });

  it.each([undefined, '', 'x', 'a.b.c', '..'])('refuses %j', value => {
    expect(verifySession(value, SECRET)).toBeUndefined();
  });

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
