import nodemailer, { type Transporter } from 'nodemailer';
import type { MailSender, OutgoingMail } from '../ports/mail-sender';

/** Sends through an SMTP server named by a URL (smtp:// with STARTTLS when offered, or smtps://). */
export class SmtpSender implements MailSender {
  readonly transport = 'smtp' as const;
  readonly keepsBody = false;
  private readonly transporter: Transporter;

  constructor(options: { url: string; from: string; timeoutMs: number }) {
    const url = new URL(options.url);
    this.transporter = nodemailer.createTransport(
      {
        host: url.hostname,
        port: url.port ? Number(url.port) : url.protocol === 'smtps:' ? 465 : 587,
        secure: url.protocol === 'smtps:',
        ...(url.username
          ? { auth: { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) } }
          : {}),
        connectionTimeout: options.timeoutMs,
        greetingTimeout: options.timeoutMs,
        socketTimeout: options.timeoutMs,
        disableFileAccess: true,
        disableUrlAccess: true,
      },
      { from: options.from },
    );
  }

  async send(mail: OutgoingMail): Promise<{ messageId: string | null }> {
    const info = await this.transporter.sendMail({
      to: mail.to,
      subject: mail.subject,
      html: mail.html,
      text: mail.text,
    });
    return { messageId: typeof info.messageId === 'string' ? info.messageId : null };
  }

  async close(): Promise<void> {
    this.transporter.close();
  }
}
