import { FormatRegistry } from '@sinclair/typebox';

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
