import {
  auditKey,
  authFailureKeyPrefix,
  cancelChannel,
  cancelledAtKey,
  cancelledViewsKey,
  encryptionMarkerKey,
  heldKeysKey,
  idempotencyIndexKey,
  idempotencyRecordKeyOf,
  jobLogKey,
  jobTypeLimitsKey,
  keyHeldKey,
  keyPatternOf,
  keySlotsKey,
  rateLimitKeyPrefix,
  readinessProbeKey,
  revokedSessionKey,
  stallSweepKey,
} from './keys';

/**
 * The names deployments already hold: a builder that drifts strands data
 * under the old name, so each is pinned to the string written before
 * keys.ts existed, plain and hash-tagged.
 */
describe('keys', () => {
  const plain = { prefix: 'p' };
  const tagged = { prefix: 'p', hashTag: true };
  const digest = 'a'.repeat(64);

  it.each([
    [auditKey(plain), 'p:audit'],
    [auditKey(tagged), 'p:{audit}'],
    [encryptionMarkerKey(plain), 'p:encryption'],
    [encryptionMarkerKey(tagged), 'p:{encryption}'],
    [revokedSessionKey(plain, 's1'), 'p:dashboard:revoked:s1'],
    [revokedSessionKey(tagged, 's1'), 'p:{dashboard:revoked:s1}'],
    [readinessProbeKey(tagged), 'p:readiness-probe'],
    [cancelChannel(tagged), 'p:errand:cancel'],
    [cancelledViewsKey(plain, 'email.send'), 'p:email.send:errand-cancelled'],
    [
      cancelledAtKey(tagged, 'email.send'),
      'p:{email.send}:errand-cancelled-at',
    ],
    [idempotencyRecordKeyOf(plain, digest), `p:idempotency:{${digest}}`],
    [
      idempotencyIndexKey(tagged, 'email.send'),
      'p:idempotency-index:{email.send}',
    ],
    [
      stallSweepKey('p:{email.send}:stalled'),
      'p:{email.send}:stalled:errand-sweep',
    ],
    [jobLogKey('p:email.send', '42'), 'p:email.send:42:logs'],
    [jobTypeLimitsKey(tagged, 'email.send'), 'p:{email.send}:errand-limits'],
    [
      keySlotsKey(tagged, 'email.send', 'acme'),
      'p:{email.send}:errand-key-running:acme',
    ],
    [
      keyHeldKey(plain, 'email.send', 'a:{b}'),
      'p:email.send:errand-key-held:a:{b}',
    ],
    [heldKeysKey(tagged, 'email.send'), 'p:{email.send}:errand-held-keys'],
    [rateLimitKeyPrefix(plain), 'p:rate-limit:'],
    [authFailureKeyPrefix(plain), 'p:auth-failures:'],
  ])('%s is still %s', (built, expected) => {
    expect(built).toBe(expected);
  });

  it('knows each shape and nothing else', () => {
    expect(keyPatternOf('p', 'p:{audit}')?.name).toBe('audit');
    expect(keyPatternOf('p', 'p:rate-limit:key:shop')?.name).toBe('rate limit');
    expect(keyPatternOf('p', 'p:{email.send}:wait')?.name).toBe(
      'BullMQ queue key',
    );
    expect(keyPatternOf('p', 'p:email.send:42:lock')?.name).toBe(
      'BullMQ job key',
    );
    expect(keyPatternOf('p', 'p:{f2}email.send:wait')?.name).toBe(
      'BullMQ queue key',
    );
    expect(keyPatternOf('p', 'p:{f0}pdf.render:42:dependencies')?.name).toBe(
      'BullMQ job key',
    );
    expect(keyPatternOf('p', 'p:{email.send}:errand-key-held:acme')?.name).toBe(
      'concurrency key slots',
    );
    expect(keyPatternOf('p', 'p:email.send:errand-limits')?.name).toBe(
      'job type limits',
    );
    expect(keyPatternOf('p', 'q:audit')).toBeUndefined();
    expect(keyPatternOf('p', 'p:hand-built')).toBeUndefined();
    expect(keyPatternOf('p', 'p:no.such.type:wait')).toBeUndefined();
    expect(keyPatternOf('p', 'p:email.send:errand-other')).toBeUndefined();
  });
});
