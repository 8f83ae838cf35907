/** A rendered mail ready to go out. */
export interface OutgoingMail {
  to: string;
  subject: string;
  html: string;
  text: string;
}

/** Where mail goes: an SMTP server, or the captured inbox of embedded mode. */
export interface MailSender {
  readonly transport: 'smtp' | 'captured';
  /** Captured mail keeps its body so the inbox can show it; sent mail does not. */
  readonly keepsBody: boolean;
  /** Delivers the mail or throws (the bus retries, then dead-letters). */
  send(mail: OutgoingMail): Promise<{ messageId: string | null }>;
  close(): Promise<void>;
}
