import { ErrandError, ErrorCode } from '@errand/contracts';

/**
 * A credential in the URL: URLs end up in proxy logs, browser history and
 * Referer headers, so it is refused even when it is valid.
 */
export class KeyInQueryError extends ErrandError {
  constructor(parameter: string) {
    super(
      ErrorCode.keyInQuery,
      `Do not put API keys in the URL (?${parameter}=): send "Authorization: Bearer <key>" instead, and consider this key leaked.`,
    );
    this.name = 'KeyInQueryError';
  }
}
