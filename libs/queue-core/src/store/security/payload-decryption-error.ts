/** Thrown when a sealed value does not open: wrong key, or tampered with. */
export class PayloadDecryptionError extends Error {
  override name = 'PayloadDecryptionError';
}
