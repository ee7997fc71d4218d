import { Type, type Static } from '@sinclair/typebox';
import {
  CallbackConfig,
  EncryptionConfig,
  LimitsConfig,
  RedisConfig,
} from '@errand/queue-core';

/**
 * The inspector's environment variables. The encryption variables are the
 * API's and the workers': the inspector seals what it writes (enqueue,
 * replay patches) exactly as they do.
 */
export const InspectorConfig = Type.Object({
  ...RedisConfig,
  ...EncryptionConfig,
  ...CallbackConfig,
  ...LimitsConfig,
});
export type InspectorConfig = Static<typeof InspectorConfig>;
