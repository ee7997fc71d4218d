import { Type } from '@sinclair/typebox';

/** The logging variables every app reads. */
export const LoggingConfig = {
  LOG_LEVEL: Type.Union(
    ['error', 'warn', 'info', 'http', 'verbose', 'debug'].map(level =>
      Type.Literal(level),
    ),
    {
      default: 'info',
      description: 'One of error, warn, info, http, verbose, debug.',
    },
  ),
  LOG_FILE: Type.Optional(
    Type.String({
      minLength: 1,
      description: 'Also write the JSON log lines to this file, e.g. logs.txt.',
    }),
  ),
  LOG_FORMAT: Type.Optional(
    Type.Union([Type.Literal('json'), Type.Literal('pretty')], {
      description:
        'json or pretty: how stdout lines look (default: pretty on a terminal outside production, json otherwise); LOG_FILE always gets JSON.',
    }),
  ),
};
