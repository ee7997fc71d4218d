import { jobTypeExtensions, type HandlerMap } from '@errand/contracts';
import { loadConfig, type Logger } from '@errand/runtime';
import { HandlerConfig } from '../config';
import { emailSendHandler } from './email-send.handler';
import { imageResizeHandler } from './image-resize.handler';
import { createOutboundPolicy } from './outbound/outbound-policy';
import { pdfRenderHandler } from './pdf-render.handler';
import { systemFailHandler } from './system-fail.handler';
import { systemNoopHandler } from './system-noop.handler';
import { systemSleepHandler } from './system-sleep.handler';
import { webhookDeliverHandler } from './webhook-deliver.handler';

/**
 * The worker's handler registry: one entry per catalog type, checked.
 * `config` defaults to the documented defaults (outbox, `.output`, no
 * allowlist, ports 80 and 443), which tests rely on. Throws on a malformed
 * allowlist or port list.
 */
export function createHandlers(
  logger: Logger,
  config: HandlerConfig = loadConfig(HandlerConfig, {}),
): HandlerMap {
  const policy = createOutboundPolicy(
    config.OUTBOUND_ALLOWLIST,
    config.OUTBOUND_ALLOWED_PORTS,
  );
  const outputDir = config.OUTPUT_DIR;
  const builtIn = {
    'email.send': emailSendHandler(logger, {
      destination: config.SMTP_URL
        ? { kind: 'smtp', url: config.SMTP_URL }
        : { kind: 'outbox', dir: config.OUTBOX_DIR },
      from: config.EMAIL_FROM,
      policy,
    }),
    'system.noop': systemNoopHandler,
    'system.sleep': systemSleepHandler,
    'system.fail': systemFailHandler,
    'webhook.deliver': webhookDeliverHandler(policy),
    'image.resize': imageResizeHandler({ outputDir, policy }),
    'pdf.render': pdfRenderHandler({ outputDir }),
  } satisfies HandlerMap;
  // Types added through the extension point bring their own handlers
  // (none in production: see registerJobTypeExtension in the contracts).
  const extensions = jobTypeExtensions().map(e => [e.name, e.handler]);
  return Object.assign(builtIn, Object.fromEntries(extensions));
}
