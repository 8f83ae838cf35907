import { notFound, z } from '@switchyard/kit';
import type { MailRow } from '../repositories/mails';
import type { RouteDeps } from './deps';

export const InboxItem = z
  .object({
    id: z.string(),
    to: z.string(),
    template: z.string(),
    locale: z.string(),
    subject: z.string(),
    highlight: z.string().nullable().describe('The code in the mail, when it has one'),
    createdAt: z.string(),
  })
  .openapi('InboxItem');

export const InboxMessage = InboxItem.extend({ html: z.string(), text: z.string() }).openapi('InboxMessage');

export const inboxItem = (m: MailRow) => ({
  id: m.id,
  to: m.recipient,
  template: m.template,
  locale: m.locale,
  subject: m.subject,
  highlight: m.highlight,
  createdAt: m.created_at.toISOString(),
});

export const RecipientQuery = z.string().trim().toLowerCase().max(254).optional();

/** The inbox exists only while mail is captured; with SMTP configured it is not there at all. */
export function assertCaptured(deps: RouteDeps): void {
  if (deps.sender.transport !== 'captured') throw notFound('Inbox');
}
