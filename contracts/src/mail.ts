import { defineEvent, defineExchange } from '@switchyard/bus';
import { z } from 'zod';

/** Mail requests for the mailer (platform.md §8). */
export const mailExchange = defineExchange({ name: 'mail_exchange', deadLetterExchange: 'mail_dlx' });

export const MailRequested = defineEvent({
  type: 'mail.requested',
  exchange: mailExchange,
  routingKey: 'mail.requested',
  schema: z.object({
    to: z.string().email().max(254),
    /** Template id known to the mailer, for example `verification-code`. */
    template: z.string().regex(/^[a-z0-9-]{1,60}$/),
    locale: z.enum(['ru', 'en']).default('en'),
    variables: z.record(z.string().max(60), z.union([z.string().max(2000), z.number()])).default({}),
    /** Who asked (service name), for the mail log. */
    requestedBy: z.string().max(60),
  }),
});
