import { z, type ServiceConfig } from '@switchyard/kit';

export const mailerEnv = z.object({
  /** smtp://user:pass@host:587 (STARTTLS when offered) or smtps://...:465; unset: the captured inbox. */
  SMTP_URL: z
    .string()
    .url()
    .refine((v) => /^smtps?:\/\//.test(v), 'expected an smtp:// or smtps:// URL')
    .optional(),
  MAIL_FROM: z.string().min(3).max(200).default('Switchyard <no-reply@switchyard.local>'),
  MAILER_SMTP_TIMEOUT_MS: z.coerce.number().int().min(1000).max(120_000).default(15_000),
  /** Attempts per mail (the first included) before it goes to the dead-letter queue. */
  MAILER_RETRY_ATTEMPTS: z.coerce.number().int().min(1).max(20).default(5),
  MAILER_RETRY_DELAY_MS: z.coerce.number().int().min(10).max(600_000).default(2000),
});

export type MailerConfig = ServiceConfig<typeof mailerEnv.shape>;
