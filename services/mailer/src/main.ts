import { fileURLToPath } from 'node:url';
import { defineService } from '@switchyard/kit';
import { CapturedInbox } from './adapters/captured-inbox';
import { SmtpSender } from './adapters/smtp-sender';
import { mailerEnv } from './config';
import { mailRequests } from './events/mail-requested';
import type { MailSender } from './ports/mail-sender';
import { MailsRepository, type MailerDB } from './repositories/mails';
import { routes } from './routes';

export const service = defineService({
  name: 'mailer',
  route: 'mail',
  title: 'Mailer',
  description:
    'Renders the mail every system asks for (RU and EN templates) and sends it by SMTP, or keeps it in a ' +
    'captured inbox with an API and a page in embedded mode.',
  env: mailerEnv,
  migrations: fileURLToPath(new URL('../db/migrations', import.meta.url)),
  setup(ctx) {
    const { config } = ctx;
    const sender: MailSender = config.SMTP_URL
      ? new SmtpSender({
          url: config.SMTP_URL,
          from: config.MAIL_FROM,
          timeoutMs: config.MAILER_SMTP_TIMEOUT_MS,
        })
      : new CapturedInbox();
    const mails = new MailsRepository(ctx.db<MailerDB>());
    ctx.log.info({ transport: sender.transport }, 'mail transport chosen');
    return {
      routes: routes({ mails, sender }),
      subscriptions: [
        mailRequests({
          sender,
          mails,
          render: { productName: 'Switchyard', publicUrl: config.PUBLIC_URL },
          clock: () => new Date(),
          log: ctx.log,
          retry: { attempts: config.MAILER_RETRY_ATTEMPTS, initialDelayMs: config.MAILER_RETRY_DELAY_MS },
        }),
      ],
      stop: () => sender.close(),
      banner: () =>
        sender.transport === 'captured'
          ? [`mail inbox: ${config.PUBLIC_URL}${ctx.publicPath}/inbox/view`]
          : [`mail: SMTP (${new URL(config.SMTP_URL!).host})`],
    };
  },
});
