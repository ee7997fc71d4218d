import { FormatRegistry } from '@sinclair/typebox';
import {
  DefaultErrorFunction,
  SetErrorFunction,
  ValueErrorType,
} from '@sinclair/typebox/errors';
import { isOutboundUrl } from './validation/outbound-url-format';

// TypeBox checks `format` only for formats registered here. Registration is
// global and idempotent, so every module that compiles a schema imports this
// file first.

// The WHATWG "valid e-mail address" grammar that browsers use for
// <input type=email>: strict enough to catch typos, loose enough for real
// addresses.
const email =
  /^[a-zA-Z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*$/;
const dateTime =
  /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$/i;
const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

FormatRegistry.Set('email', value => email.test(value));
FormatRegistry.Set(
  'date-time',
  value => dateTime.test(value) && !Number.isNaN(Date.parse(value)),
);
FormatRegistry.Set('uuid', value => uuid.test(value));
FormatRegistry.Set('outbound-url', isOutboundUrl);

// A union's default error ("Expected union value") names neither branch. A
// union schema may carry its own `errorMessage` (email.send's `to`: one
// address or a list); every other error keeps TypeBox's wording.
SetErrorFunction(error =>
  error.errorType === ValueErrorType.Union &&
  typeof error.schema.errorMessage === 'string'
    ? error.schema.errorMessage
    : DefaultErrorFunction(error),
);
