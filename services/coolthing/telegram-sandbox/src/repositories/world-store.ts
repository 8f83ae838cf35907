import { sql, type Kysely } from '@switchyard/store';
import type { Logger } from '@switchyard/kit';
import type { Account, Bot, Chat, Dialog, Fault, Message, SimUser } from '../domain/model';
import { Prng } from '../domain/prng';
import { MESSAGES_IN_MEMORY, type World, type WorldSink } from '../domain/world';

interface Doc {
  data: unknown;
}
export interface SandboxDB {
  sandbox_meta: { key: string; value: unknown };
  sandbox_users: { id: number } & Doc;
  sandbox_accounts: { id: string } & Doc;
  sandbox_chats: { id: string } & Doc;
  sandbox_dialogs: { key: string } & Doc;
  sandbox_bots: { user_id: number } & Doc;
  sandbox_faults: { id: string } & Doc;
  sandbox_sessions: { key_hash: string; account_id: string };
  sandbox_messages: {
    chat_key: string;
    id: number;
    sender_id: number | null;
    text: string;
    reply_to: number | null;
    sent_at: number;
  };
}

interface Pending {
  cleared: boolean;
  users: Map<number, SimUser>;
  accounts: Map<string, Account>;
  chats: Map<string, Chat>;
  dialogs: Map<string, Dialog>;
  bots: Map<number, Bot>;
  faults: Map<string, Fault | null>;
  sessions: Map<string, string>;
  meta: Record<string, unknown>;
  messages: Message[];
}

const empty = (): Pending => ({
  cleared: false,
  users: new Map(),
  accounts: new Map(),
  chats: new Map(),
  dialogs: new Map(),
  bots: new Map(),
  faults: new Map(),
  sessions: new Map(),
  meta: {},
  messages: [],
});

const CHUNK = 1000;
const json = (v: unknown) => JSON.stringify(v, (_k, val) => (val instanceof Set ? [...val] : val));

/**
 * Persists the world behind its back: changes collect in memory and are written in one
 * transaction every `intervalMs` (and on stop). A crash loses at most that interval; the
 * world itself never waits for the database, so chatter and delivery stay fast.
 */
export class WorldStore implements WorldSink {
  private pending = empty();
  private timer: NodeJS.Timeout | undefined;
  private flushing: Promise<void> = Promise.resolve();

  constructor(
    private readonly db: Kysely<SandboxDB>,
    private readonly log: Logger,
    private readonly clockNow: () => number,
  ) {}

  user(u: SimUser) {
    this.pending.users.set(u.id, u);
  }
  account(a: Account) {
    this.pending.accounts.set(a.id, a);
  }
  chat(c: Chat) {
    this.pending.chats.set(c.id, c);
  }
  dialog(d: Dialog) {
    this.pending.dialogs.set(d.key, d);
  }
  message(m: Message) {
    this.pending.messages.push(m);
  }
  bot(b: Bot) {
    this.pending.bots.set(b.userId, b);
  }
  fault(f: Fault) {
    this.pending.faults.set(f.id, f);
  }
  faultRemoved(id: string) {
    this.pending.faults.set(id, null);
  }
  session(keyHash: string, accountId: string) {
    this.pending.sessions.set(keyHash, accountId);
  }
  meta(values: Record<string, unknown>) {
    Object.assign(this.pending.meta, values);
  }
  clear() {
    this.pending = empty();
    this.pending.cleared = true;
  }

  start(intervalMs: number): void {
    this.timer = setInterval(() => void this.flush(), intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.flush();
  }

  /** Writes what changed since the last flush; flushes never overlap. */
  flush(): Promise<void> {
    this.flushing = this.flushing.then(async () => {
      const p = this.pending;
      this.pending = empty();
      p.meta.clock = this.clockNow();
      try {
        await this.write(p);
      } catch (err) {
        this.log.error({ err }, 'sandbox world could not be saved');
      }
    });
    return this.flushing;
  }

  private async write(p: Pending): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      if (p.cleared) {
        for (const t of [
          'sandbox_meta',
          'sandbox_users',
          'sandbox_accounts',
          'sandbox_chats',
          'sandbox_dialogs',
          'sandbox_bots',
          'sandbox_faults',
          'sandbox_sessions',
          'sandbox_messages',
        ] as const)
          await trx.deleteFrom(t).execute();
      }
      const metaRows = Object.entries(p.meta).map(([key, value]) => ({ key, value: json(value) }));
      if (metaRows.length)
        await trx
          .insertInto('sandbox_meta')
          .values(metaRows)
          .onConflict((oc) => oc.column('key').doUpdateSet((eb) => ({ value: eb.ref('excluded.value') })))
          .execute();
      const upsert = async <
        T extends
          | 'sandbox_users'
          | 'sandbox_accounts'
          | 'sandbox_chats'
          | 'sandbox_dialogs'
          | 'sandbox_bots'
          | 'sandbox_faults',
      >(
        table: T,
        column: 'id' | 'key' | 'user_id',
        rows: Record<string, unknown>[],
      ) => {
        for (let i = 0; i < rows.length; i += CHUNK)
          await trx
            .insertInto(table)
            .values(rows.slice(i, i + CHUNK) as never)
            .onConflict((oc) => oc.column(column as never).doUpdateSet({ data: sql`excluded.data` } as never))
            .execute();
      };
      await upsert(
        'sandbox_users',
        'id',
        [...p.users.values()].map((u) => ({ id: u.id, data: json(u) })),
      );
      await upsert(
        'sandbox_accounts',
        'id',
        [...p.accounts.values()].map((a) => ({ id: a.id, data: json(a) })),
      );
      await upsert(
        'sandbox_chats',
        'id',
        [...p.chats.values()].map((c) => ({ id: c.id, data: json(c) })),
      );
      await upsert(
        'sandbox_dialogs',
        'key',
        [...p.dialogs.values()].map((d) => ({ key: d.key, data: json(d) })),
      );
      await upsert(
        'sandbox_bots',
        'user_id',
        [...p.bots.values()].map((b) => ({ user_id: b.userId, data: json(b) })),
      );
      const live = [...p.faults.entries()].filter((e): e is [string, Fault] => e[1] !== null);
      const removed = [...p.faults.entries()].filter(([, f]) => f === null).map(([id]) => id);
      if (removed.length) await trx.deleteFrom('sandbox_faults').where('id', 'in', removed).execute();
      await upsert(
        'sandbox_faults',
        'id',
        live.map(([id, f]) => ({ id, data: json(f) })),
      );
      const sessions = [...p.sessions.entries()].map(([key_hash, account_id]) => ({ key_hash, account_id }));
      if (sessions.length)
        await trx
          .insertInto('sandbox_sessions')
          .values(sessions)
          .onConflict((oc) =>
            oc.column('key_hash').doUpdateSet((eb) => ({ account_id: eb.ref('excluded.account_id') })),
          )
          .execute();
      for (let i = 0; i < p.messages.length; i += CHUNK)
        await trx
          .insertInto('sandbox_messages')
          .values(
            p.messages.slice(i, i + CHUNK).map((m) => ({
              chat_key: m.chatKey,
              id: m.id,
              sender_id: m.senderId,
              text: m.text,
              reply_to: m.replyToId,
              sent_at: m.date,
            })),
          )
          .onConflict((oc) => oc.columns(['chat_key', 'id']).doNothing())
          .execute();
    });
  }

  /** Rebuilds the world from the tables; false when nothing was saved yet. */
  async load(world: World): Promise<boolean> {
    const meta = Object.fromEntries(
      (await this.db.selectFrom('sandbox_meta').selectAll().execute()).map((r) => [r.key, r.value]),
    );
    if (meta.seed === undefined) return false;
    const [users, accounts, chats, dialogs, bots, faults, sessions] = await Promise.all([
      this.db.selectFrom('sandbox_users').select('data').orderBy('id').execute(),
      this.db.selectFrom('sandbox_accounts').select('data').orderBy('id').execute(),
      this.db.selectFrom('sandbox_chats').select('data').orderBy('id').execute(),
      this.db.selectFrom('sandbox_dialogs').select('data').execute(),
      this.db.selectFrom('sandbox_bots').select('data').execute(),
      this.db.selectFrom('sandbox_faults').select('data').execute(),
      this.db.selectFrom('sandbox_sessions').selectAll().execute(),
    ]);
    const messages = await sql<SandboxDB['sandbox_messages']>`
      SELECT chat_key, id, sender_id, text, reply_to, sent_at FROM (
        SELECT m.*, row_number() OVER (PARTITION BY chat_key ORDER BY id DESC) AS rn FROM sandbox_messages m
      ) recent WHERE rn <= ${MESSAGES_IN_MEMORY} ORDER BY chat_key, id`.execute(this.db);
    world.restore((w) => {
      w.seed = Number(meta.seed);
      w.chatterEnabled = meta.chatter !== false;
      for (const { data } of users) w.addUser(data as SimUser);
      for (const { data } of accounts) w.addAccount(data as Account);
      for (const { data } of chats) {
        const c = data as Omit<Chat, 'members'> & { members: number[] };
        w.addChat({ ...c, members: new Set(c.members) });
      }
      for (const { data } of dialogs) {
        const d = data as Dialog;
        w.dialogs.set(d.key, d);
        w.messages.set(d.key, []);
      }
      for (const { data } of bots) {
        const b = data as Omit<Bot, 'contacts'> & { contacts: number[] };
        w.addBot({ ...b, contacts: new Set(b.contacts) });
      }
      for (const { data } of faults) w.addFault(data as Fault);
      for (const s of sessions) w.sessions.set(s.key_hash, s.account_id);
      for (const m of messages.rows)
        w.restoreMessage({
          chatKey: m.chat_key,
          id: m.id,
          senderId: m.sender_id,
          text: m.text,
          replyToId: m.reply_to,
          date: Number(m.sent_at),
        });
    });
    world.rng = new Prng(`${world.seed}:restored`);
    if (typeof meta.clock === 'number') world.clock.resumeAt(meta.clock);
    return true;
  }
}
