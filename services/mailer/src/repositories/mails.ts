import { randomUUID } from 'node:crypto';
import type { Kysely, Selectable } from '@switchyard/store';

export interface MailsTable {
  id: string;
  event_id: string;
  recipient: string;
  template: string;
  locale: string;
  subject: string;
  transport: 'smtp' | 'captured';
  status: 'sent' | 'captured' | 'failed';
  attempts: number;
  last_error: string | null;
  requested_by: string;
  message_id: string | null;
  html_body: string | null;
  text_body: string | null;
  highlight: string | null;
  created_at: Date;
  sent_at: Date | null;
}

export interface MailerDB {
  mails: MailsTable;
}

export type MailRow = Selectable<MailsTable>;

export interface MailRecord {
  eventId: string;
  to: string;
  template: string;
  locale: string;
  subject: string;
  transport: 'smtp' | 'captured';
  requestedBy: string;
}

export class MailsRepository {
  constructor(private readonly db: Kysely<MailerDB>) {}

  byEvent(eventId: string): Promise<MailRow | undefined> {
    return this.db.selectFrom('mails').selectAll().where('event_id', '=', eventId).executeTakeFirst();
  }

  byId(id: string): Promise<MailRow | undefined> {
    return this.db.selectFrom('mails').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /** Records a delivered (or captured) mail; a retry of a failed one updates its row. */
  async recordDelivered(
    mail: MailRecord,
    result: {
      messageId: string | null;
      body: { html: string; text: string; highlight: string | null } | null;
    },
    now: Date,
  ): Promise<void> {
    const status = mail.transport === 'smtp' ? 'sent' : 'captured';
    const delivered = {
      status,
      message_id: result.messageId,
      html_body: result.body?.html ?? null,
      text_body: result.body?.text ?? null,
      highlight: result.body?.highlight ?? null,
      subject: mail.subject,
      last_error: null,
      sent_at: now,
    } as const;
    await this.db
      .insertInto('mails')
      .values({ ...this.base(mail, now), ...delivered, attempts: 1 })
      .onConflict((oc) =>
        oc.column('event_id').doUpdateSet((eb) => ({ ...delivered, attempts: eb('mails.attempts', '+', 1) })),
      )
      .execute();
  }

  async recordFailure(mail: MailRecord, error: string, now: Date): Promise<void> {
    const failed = { status: 'failed', last_error: error.slice(0, 2000) } as const;
    await this.db
      .insertInto('mails')
      .values({ ...this.base(mail, now), ...failed, attempts: 1 })
      .onConflict((oc) =>
        oc.column('event_id').doUpdateSet((eb) => ({ ...failed, attempts: eb('mails.attempts', '+', 1) })),
      )
      .execute();
  }

  /** Captured mail, newest first; `to` narrows it to one recipient. */
  async inbox(filter: {
    to?: string;
    limit: number;
    offset: number;
  }): Promise<{ items: MailRow[]; total: number }> {
    let q = this.db.selectFrom('mails').where('transport', '=', 'captured').where('status', '=', 'captured');
    if (filter.to) q = q.where('recipient', '=', filter.to);
    const [items, count] = await Promise.all([
      q
        .selectAll()
        .orderBy('created_at', 'desc')
        .orderBy('id', 'desc')
        .limit(filter.limit)
        .offset(filter.offset)
        .execute(),
      q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    ]);
    return { items, total: Number(count.n) };
  }

  /** The mail log (every transport and status), newest first. */
  async log(filter: { to?: string; status?: MailRow['status']; limit: number; offset: number }) {
    let q = this.db.selectFrom('mails');
    if (filter.to) q = q.where('recipient', '=', filter.to);
    if (filter.status) q = q.where('status', '=', filter.status);
    const [items, count] = await Promise.all([
      q
        .selectAll()
        .orderBy('created_at', 'desc')
        .orderBy('id', 'desc')
        .limit(filter.limit)
        .offset(filter.offset)
        .execute(),
      q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    ]);
    return { items, total: Number(count.n) };
  }

  private base(mail: MailRecord, now: Date) {
    return {
      id: randomUUID(),
      event_id: mail.eventId,
      recipient: mail.to,
      template: mail.template,
      locale: mail.locale,
      subject: mail.subject,
      transport: mail.transport,
      requested_by: mail.requestedBy,
      message_id: null,
      html_body: null,
      text_body: null,
      highlight: null,
      created_at: now,
      sent_at: null,
    };
  }
}
