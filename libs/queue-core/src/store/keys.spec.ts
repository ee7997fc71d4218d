import {
  auditKey,
  authFailureKeyPrefix,
  cancelChannel,
  cancelledAtKey,
  cancelledViewsKey,
  encryptionMarkerKey,
  idempotencyIndexKey,
  idempotencyRecordKeyOf,
  jobLogKey,
  keyPatternOf,
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
    expect(keyPatternOf('p', 'q:audit')).toBeUndefined();
    expect(keyPatternOf('p', 'p:hand-built')).toBeUndefined();
    expect(keyPatternOf('p', 'p:no.such.type:wait')).toBeUndefined();
    expect(keyPatternOf('p', 'p:email.send:errand-other')).toBeUndefined();
  });
});
