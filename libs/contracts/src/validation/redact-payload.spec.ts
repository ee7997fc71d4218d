import { Type } from '@sinclair/typebox';
import { sensitive } from '../catalog/sensitive';
import { hasSensitive, mapSensitive } from './map-sensitive';
import { REDACTED, redactPayload } from './redact-payload';

describe('redactPayload', () => {
  it('hides the fields email.send marks sensitive and keeps the rest', () => {
    const payload = {
      to: 'user@example.com',
      subject: 'Your code',
      text: 'code 123456',
      html: '<b>123456</b>',
    };
    expect(redactPayload('email.send', payload)).toEqual({
      to: 'user@example.com',
      subject: 'Your code',
      text: REDACTED,
      html: REDACTED,
    });
    // The stored payload itself is left alone.
    expect(payload.text).toBe('code 123456');
  });

  it('leaves absent sensitive fields absent', () => {
    expect(redactPayload('email.send', { to: 'a@b.co', subject: 's' })).toEqual(
      { to: 'a@b.co', subject: 's' },
    );
  });

  it('returns payloads of types without sensitive fields as they are', () => {
    const payload = { ms: 5 };
    expect(redactPayload('system.sleep', payload)).toBe(payload);
    expect(redactPayload('no.such.type', payload)).toBe(payload);
  });
});

describe('mapSensitive', () => {
  const Schema = Type.Object({
    name: Type.String(),
    secret: sensitive(Type.String()),
    nested: Type.Object({ token: Type.Optional(sensitive(Type.String())) }),
    list: Type.Array(Type.Object({ key: sensitive(Type.Number()) })),
  });

  it('replaces sensitive values at any depth, in objects and arrays', () => {
    const value = {
      name: 'n',
      secret: 's',
      nested: { token: 't' },
      list: [{ key: 1 }, { key: 2 }],
    };
    expect(mapSensitive(Schema, value, v => `<${String(v)}>`)).toEqual({
      name: 'n',
      secret: '<s>',
      nested: { token: '<t>' },
      list: [{ key: '<1>' }, { key: '<2>' }],
    });
  });

  it('tells whether a schema has sensitive fields', () => {
    expect(hasSensitive(Schema)).toBe(true);
    expect(hasSensitive(Type.Object({ a: Type.String() }))).toBe(false);
  });
});
