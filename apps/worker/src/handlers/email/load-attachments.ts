import {
  MAX_EMAIL_ATTACHMENT_BYTES,
  type EmailSendPayload,
} from '@errand/contracts';
import type { OutboundPolicy } from '../outbound/outbound-policy';
import { loadSource } from '../outbound/load-source';

/** An attachment as nodemailer takes it, its bytes already in hand. */
export interface LoadedAttachment {
  filename: string;
  contentType?: string;
  content: Buffer;
}

/**
 * Fetches or decodes every attachment before the SMTP conversation starts,
 * so a slow or failing source never holds a server connection open. URLs go
 * through the outbound guard (never nodemailer's own fetching, which has
 * none). Throws OutboundRefusedError for a refused or unusable source.
 */
export async function loadAttachments(
  attachments: EmailSendPayload['attachments'] = [],
  options: { policy: OutboundPolicy; signal: AbortSignal },
): Promise<LoadedAttachment[]> {
  const loaded: LoadedAttachment[] = [];
  for (const { filename, contentType, url, content } of attachments) {
    const bytes = await loadSource(
      { url, base64: content },
      { ...options, maxBytes: MAX_EMAIL_ATTACHMENT_BYTES },
    );
    loaded.push({ filename, contentType, content: bytes });
  }
  return loaded;
}
