import { ErrandError, ErrorCode, type FieldIssue } from '@errand/contracts';

const FIX =
  'set PAYLOAD_ENCRYPTION_KEYS (or PAYLOAD_ENCRYPTION_KEY) to the key ring the API and workers use, then run it again';

/**
 * A write would store a sensitive field in clear, or a command needs to
 * open sealed values, and this process holds no key ring while encryption
 * at rest is on. The message names the fields and the fix.
 */
export class EncryptionKeyMissingError extends ErrandError {
  constructor(message: string, issues: readonly FieldIssue[] = []) {
    super(ErrorCode.encryptionKeyMissing, message, issues);
    this.name = 'EncryptionKeyMissingError';
  }

  /** For sensitive `paths` of a `type` payload that would be stored in clear. */
  static forFields(
    type: string,
    paths: readonly string[],
    keyId: string,
  ): EncryptionKeyMissingError {
    const fields = paths.map(path => `/payload${path}`);
    const message = `Encryption at rest is on (key "${keyId}"), and this would store the sensitive ${type} field${fields.length > 1 ? 's' : ''} ${fields.join(', ')} in clear: ${FIX}.`;
    return new EncryptionKeyMissingError(
      message,
      fields.map(path => ({
        path,
        message: 'sensitive: needs the encryption key to be stored',
      })),
    );
  }

  /**
   * For a patch of a job whose payload holds sealed values: each is bound
   * to the rest of the payload, so they must be sealed again.
   */
  static forSealedPayload(
    id: string,
    patched: readonly string[],
  ): EncryptionKeyMissingError {
    const clear = patched.map(path => `/payload${path}`);
    const also =
      clear.length > 0
        ? ` and would store the sensitive ${clear.join(', ')} in clear`
        : '';
    return new EncryptionKeyMissingError(
      `Job ${id} has sealed sensitive fields, bound to the rest of its payload: the patch needs the encryption key ring to seal them again${also}; ${FIX}.`,
      [{ path: `/jobs/${id}/payload`, message: 'sealed: needs the key' }],
    );
  }

  /** For a command that cannot work without the ring. */
  static forCommand(command: string): EncryptionKeyMissingError {
    return new EncryptionKeyMissingError(
      `${command} needs the encryption key ring: ${FIX}.`,
    );
  }
}
