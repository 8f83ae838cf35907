import type { MailSender } from '../ports/mail-sender';

/**
 * Embedded mode's mail: nothing leaves the machine. The mail log row, with its body, is the
 * inbox that the API and the page show.
 */
export class CapturedInbox implements MailSender {
  readonly transport = 'captured' as const;
  readonly keepsBody = true;

  async send(): Promise<{ messageId: string | null }> {
    return { messageId: null };
  }

  async close(): Promise<void> {}
}
