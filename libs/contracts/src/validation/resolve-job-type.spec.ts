import { Type } from '@sinclair/typebox';
import { defineJob } from '../catalog/job-definition';
import { indexJobAliases } from '../catalog/job-aliases';
import { ContractViolationError } from '../errors/contract-violation-error';
import { UnknownJobTypeError } from '../errors/unknown-job-type-error';
import { parseEnqueueRequest } from './parse-enqueue-request';
import { resolveJobType } from './resolve-job-type';

/** The violation `body` raises; any other outcome fails the test. */
function violationOf(body: unknown): ContractViolationError {
  try {
    parseEnqueueRequest(body);
  } catch (error) {
    if (error instanceof ContractViolationError) return error;
    throw error;
  }
  throw new Error('parseEnqueueRequest accepted the body');
}

describe('resolveJobType', () => {
  it('resolves a catalog type to itself, without an alias', () => {
    expect(resolveJobType('email.send')).toEqual({ type: 'email.send' });
  });

  it.each(['send_email', 'email', 'email_processing'])(
    'resolves the alias %s to email.send',
    name => {
      expect(resolveJobType(name)).toMatchObject({
        type: 'email.send',
        alias: { name },
      });
    },
  );

  it.each(['no.such.type', 'constructor', 'Send_Email'])(
    'refuses %j as an unknown job type',
    name => {
      expect(() => resolveJobType(name)).toThrow(UnknownJobTypeError);
    },
  );
});

describe('parseEnqueueRequest with an alias', () => {
  it('stores the job under its catalog type and keeps the name asked for', () => {
    const body = JSON.parse(
      '{"type":"send_email","payload":{"to":"user@example.com","subject":"Welcome!"},"retries":3}',
    );

    expect(parseEnqueueRequest(body)).toEqual({
      type: 'email.send',
      requestedType: 'send_email',
      payload: { to: 'user@example.com', subject: 'Welcome!' },
      retries: 3,
    });
  });

  it("adapts the alias's payload to the catalog type's", () => {
    const body = JSON.parse(
      '{"type":"email_processing","payload":{"email":"user@example.com","subject":"Welcome to the platform!"}}',
    );

    expect(parseEnqueueRequest(body)).toEqual({
      type: 'email.send',
      requestedType: 'email_processing',
      payload: { to: 'user@example.com', subject: 'Welcome to the platform!' },
    });
  });

  it('leaves the request of a catalog type without requestedType', () => {
    const request = parseEnqueueRequest({
      type: 'email.send',
      payload: { to: 'user@example.com', subject: 'Hi' },
    });

    expect(request).not.toHaveProperty('requestedType');
  });

  describe("when the alias's payload is wrong", () => {
    it("names the alias's own field, not the one it maps to", () => {
      const error = violationOf({
        type: 'email_processing',
        payload: { email: 'not an address', subject: 'Hi' },
      });

      expect(error.code).toBe('contract.invalidPayload');
      expect(error.issues.map(i => i.path)).toEqual(['/payload/email']);
    });

    it('names a missing field by its alias name', () => {
      const error = violationOf({
        type: 'email_processing',
        payload: { subject: 'Hi' },
      });

      expect(error.issues.map(i => i.path)).toContain('/payload/email');
    });

    it('refuses the catalog name of a renamed field', () => {
      const error = violationOf({
        type: 'email_processing',
        payload: { to: 'user@example.com', subject: 'Hi' },
      });

      expect(error.issues.map(i => i.path)).toContain('/payload/to');
    });

    it('checks an alias without adapter against the catalog contract', () => {
      const error = violationOf({
        type: 'email',
        payload: { to: 'user@example.com' },
      });

      expect(error.message).toContain('email.send');
      expect(error.issues.map(i => i.path)).toEqual(['/payload/subject']);
    });
  });
});

describe('indexJobAliases', () => {
  const payload = Type.Object(
    { to: Type.String(), subject: Type.String() },
    { additionalProperties: false },
  );
  const job = (aliases: Record<string, { renames?: Record<string, string> }>) =>
    defineJob({
      description: 'a test type',
      version: 1,
      payload,
      result: Type.Object({}),
      defaults: { retries: 0, priority: 0, timeoutMs: 1_000 },
      example: { to: 'a', subject: 'b' },
      aliases,
    });

  it('refuses an alias that is also a catalog type', () => {
    expect(() =>
      indexJobAliases({ 'a.b': job({ 'c.d': {} }), 'c.d': job({}) }),
    ).toThrow(/"c.d"/);
  });

  it('refuses one alias declared by two types', () => {
    expect(() =>
      indexJobAliases({ 'a.b': job({ x: {} }), 'c.d': job({ x: {} }) }),
    ).toThrow(/"x"/);
  });

  it('refuses a rename to a field the payload does not have', () => {
    expect(() =>
      indexJobAliases({ 'a.b': job({ x: { renames: { mail: 'too' } } }) }),
    ).toThrow(/too/);
  });

  it('refuses a rename onto a field the payload already has', () => {
    expect(() =>
      indexJobAliases({ 'a.b': job({ x: { renames: { subject: 'to' } } }) }),
    ).toThrow(/subject/);
  });
});
