import type { HandlerMap } from '@errand/queue-core';
import type { Logger } from '@errand/runtime';
import { emailSendHandler } from './email-send.handler';
import { systemFailHandler } from './system-fail.handler';
import { systemNoopHandler } from './system-noop.handler';
import { systemSleepHandler } from './system-sleep.handler';

/** The worker's handler registry: one entry per catalog type, checked. */
export function createHandlers(logger: Logger): HandlerMap {
  return {
    'email.send': emailSendHandler(logger),
    'system.noop': systemNoopHandler,
    'system.sleep': systemSleepHandler,
    'system.fail': systemFailHandler,
  } satisfies HandlerMap;
}
