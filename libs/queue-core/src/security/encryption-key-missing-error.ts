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

  /** For a command that cannot work without the ring. */
  static forCommand(command: string): EncryptionKeyMissingError {
    return new EncryptionKeyMissingError(
      `${command} needs the encryption key ring: ${FIX}.`,
    );
  }
}
