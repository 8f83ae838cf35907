import { createHash } from 'node:crypto';
import type { SandboxClock } from './clock';
import type { Corpus } from './corpus';
import {
  chatKeyOf,
  dialogKeyOf,
  type Account,
  type Bot,
  type Chat,
  type Dialog,
  type Fault,
  type Message,
  type SimUser,
} from './model';
import { Prng } from './prng';
import { Scheduler } from './scheduler';

export type AccountEventData =
  | { type: 'banned'; reason: string; at: number }
  | { type: 'limited'; reason: string; at: number }
  | { type: 'flood_wait'; seconds: number; at: number };

/** Everything that happens in the world, for the live view, the client streams and the bots. */
export type WorldEvent =
  | { type: 'message'; message: Message }
  | { type: 'typing'; chatKey: string; userId: number; action: 'typing' | 'cancel' }
  | { type: 'member'; chatId: string; userId: number }
  | { type: 'member_left'; chatId: string; userId: number }
  | { type: 'account'; accountId: string; event: AccountEventData }
  | { type: 'faults' }
  | { type: 'reset' };

/** Where changes go to be persisted (write-behind); the world never waits for it. */
export interface WorldSink {
  user(u: SimUser): void;
  account(a: Account): void;
  chat(c: Chat): void;
  dialog(d: Dialog): void;
  message(m: Message): void;
  bot(b: Bot): void;
  fault(f: Fault): void;
  faultRemoved(id: string): void;
  session(keyHash: string, accountId: string): void;
  meta(values: Record<string, unknown>): void;
  clear(): void;
}

export const noSink: WorldSink = {
  user: () => undefined,
  account: () => undefined,
  chat: () => undefined,
  dialog: () => undefined,
  message: () => undefined,
  bot: () => undefined,
  fault: () => undefined,
  faultRemoved: () => undefined,
  session: () => undefined,
  meta: () => undefined,
  clear: () => undefined,
};

/** Messages kept in memory per chat; older ones stay in the database only. */
export const MESSAGES_IN_MEMORY = 1000;

export const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

export interface PendingCode {
  phoneCodeHash: string;
  phone: string;
  accountId: string;
  code: string;
  expiresAt: number;
  codeVerified: boolean;
}

/**
 * The simulated Telegram, in memory: users, accounts, chats, messages, bots, faults. Every
 * change is handed to the sink for persistence and announced to listeners.
 */
export class World {
  seed = 1;
  rng = new Prng(1);
  chatterEnabled = true;
  readonly users = new Map<number, SimUser>();
  readonly usernames = new Map<string, { kind: 'user'; id: number } | { kind: 'chat'; id: string }>();
  readonly accounts = new Map<string, Account>();
  readonly accountsByPhone = new Map<string, Account>();
  readonly accountsByUser = new Map<number, Account>();
  readonly chats = new Map<string, Chat>();
  readonly chatsByInvite = new Map<string, Chat>();
  readonly dialogs = new Map<string, Dialog>();
  readonly messages = new Map<string, Message[]>();
  readonly bots = new Map<number, Bot>();
  readonly botsByToken = new Map<string, Bot>();
  readonly faults = new Map<string, Fault>();
  readonly sessions = new Map<string, string>();
  readonly codes = new Map<string, PendingCode>();
  /** `${accountId}|${chatId}` → sandbox time of the account's last message there (slow mode). */
  readonly lastSend = new Map<string, number>();
  readonly scheduler = new Scheduler();
  private readonly listeners = new Set<(e: WorldEvent) => void>();
  private nextIds = { user: 1, account: 1, fault: 1 };

  constructor(
    readonly clock: SandboxClock,
    readonly corpus: Corpus,
    public sink: WorldSink = noSink,
  ) {}

  // --- events ---------------------------------------------------------------------------

  subscribe(listener: (e: WorldEvent) => void): () => void {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }

  get listenerCount(): number {
    return this.listeners.size;
  }

  emit(event: WorldEvent): void {
    for (const l of this.listeners) l(event);
  }

  // --- building ---------------------------------------------------------------------------

  /** Empties the world (and its tables) and starts a new seed. */
  reset(seed: number): void {
    this.seed = seed;
    this.rng = new Prng(seed);
    for (const m of [
      this.users,
      this.usernames,
      this.accounts,
      this.accountsByPhone,
      this.accountsByUser,
      this.chats,
      this.chatsByInvite,
      this.dialogs,
      this.messages,
      this.bots,
      this.botsByToken,
      this.faults,
      this.sessions,
      this.codes,
      this.lastSend,
    ])
      m.clear();
    this.scheduler.clear();
    this.nextIds = { user: 1, account: 1, fault: 1 };
    this.sink.clear();
    this.sink.meta({ seed, chatter: this.chatterEnabled, clock: this.clock.now() });
    this.emit({ type: 'reset' });
  }

  newUserId(kind: SimUser['kind']): number {
    const base = kind === 'bot' ? 8_000_000_000 : kind === 'account' ? 7_000_000_000 : 5_000_000_000;
    return base + this.nextIds.user++;
  }

  newFaultId(): string {
    return `f${this.nextIds.fault++}`;
  }

  addUser(user: SimUser): SimUser {
    if (user.username) {
      const key = user.username.toLowerCase();
      if (this.usernames.has(key)) throw new Error(`username ${user.username} is taken`);
      this.usernames.set(key, { kind: 'user', id: user.id });
    }
    this.users.set(user.id, user);
    this.nextIds.user = Math.max(this.nextIds.user, (user.id % 1_000_000_000) + 1);
    this.sink.user(user);
    return user;
  }

  addAccount(account: Account): Account {
    if (this.accountsByPhone.has(account.phone)) throw new Error(`phone ${account.phone} is taken`);
    this.accounts.set(account.id, account);
    this.accountsByPhone.set(account.phone, account);
    this.accountsByUser.set(account.userId, account);
    const n = Number(account.id.replace(/^\D+/, ''));
    if (Number.isFinite(n)) this.nextIds.account = Math.max(this.nextIds.account, n + 1);
    this.sink.account(account);
    return account;
  }

  newAccountId(): string {
    return `acc${this.nextIds.account++}`;
  }

  addChat(chat: Chat): Chat {
    if (chat.username) {
      const key = chat.username.toLowerCase();
      if (this.usernames.has(key)) throw new Error(`username ${chat.username} is taken`);
      this.usernames.set(key, { kind: 'chat', id: chat.id });
    }
    this.chats.set(chat.id, chat);
    if (chat.inviteHash) this.chatsByInvite.set(chat.inviteHash, chat);
    if (!this.messages.has(chatKeyOf(chat.id))) this.messages.set(chatKeyOf(chat.id), []);
    this.sink.chat(chat);
    return chat;
  }

  addBot(bot: Bot): Bot {
    if (this.botsByToken.has(bot.tokenHash)) throw new Error('this bot token is already registered');
    this.bots.set(bot.userId, bot);
    this.botsByToken.set(bot.tokenHash, bot);
    this.sink.bot(bot);
    return bot;
  }

  addFault(fault: Fault): Fault {
    this.faults.set(fault.id, fault);
    const n = Number(fault.id.replace(/^\D+/, ''));
    if (Number.isFinite(n)) this.nextIds.fault = Math.max(this.nextIds.fault, n + 1);
    this.sink.fault(fault);
    this.emit({ type: 'faults' });
    return fault;
  }

  removeFault(id: string): boolean {
    const removed = this.faults.delete(id);
    if (removed) {
      this.sink.faultRemoved(id);
      this.emit({ type: 'faults' });
    }
    return removed;
  }

  addMember(chat: Chat, userId: number): void {
    if (chat.members.has(userId)) return;
    chat.members.add(userId);
    this.sink.chat(chat);
    this.emit({ type: 'member', chatId: chat.id, userId });
  }

  /** Takes a user out of a chat: from now on its messages do not reach them. */
  removeMember(chat: Chat, userId: number): void {
    if (!chat.members.delete(userId)) return;
    this.sink.chat(chat);
    this.emit({ type: 'member_left', chatId: chat.id, userId });
  }

  bindSession(keyHash: string, accountId: string): void {
    this.sessions.set(keyHash, accountId);
    this.sink.session(keyHash, accountId);
  }

  saveAccount(account: Account): void {
    this.sink.account(account);
  }

  // --- messages ---------------------------------------------------------------------------

  dialog(x: number, y: number): Dialog {
    const key = dialogKeyOf(x, y);
    let d = this.dialogs.get(key);
    if (!d) {
      d = { key, a: Math.min(x, y), b: Math.max(x, y), nextMessageId: 1 };
      this.dialogs.set(key, d);
      this.messages.set(key, []);
    }
    return d;
  }

  /** Appends a message to a chat or dialog, persists it and tells everyone. */
  post(chatKey: string, senderId: number | null, text: string, replyToId: number | null = null): Message {
    const owner = chatKey.startsWith('c:') ? this.chats.get(chatKey.slice(2)) : this.dialogs.get(chatKey);
    if (!owner) throw new Error(`no chat ${chatKey}`);
    const message: Message = {
      chatKey,
      id: owner.nextMessageId++,
      senderId,
      text,
      date: this.clock.now(),
      replyToId,
    };
    let list = this.messages.get(chatKey);
    if (!list) this.messages.set(chatKey, (list = []));
    list.push(message);
    if (list.length > MESSAGES_IN_MEMORY * 1.2) list.splice(0, list.length - MESSAGES_IN_MEMORY);
    if ('members' in owner) this.sink.chat(owner);
    else this.sink.dialog(owner);
    this.sink.message(message);
    this.emit({ type: 'message', message });
    return message;
  }

  findMessage(chatKey: string, id: number): Message | undefined {
    const list = this.messages.get(chatKey);
    if (!list) return undefined;
    for (let i = list.length - 1; i >= 0; i--) if (list[i]!.id === id) return list[i];
    return undefined;
  }

  /**
   * Messages of one sender in a chat or dialog, newest first: at most `limit`, only ids above
   * `afterId`. Looks through what is kept in memory (the latest MESSAGES_IN_MEMORY or so).
   */
  messagesBy(chatKey: string, senderId: number, options: { limit: number; afterId?: number }): Message[] {
    const list = this.messages.get(chatKey) ?? [];
    const out: Message[] = [];
    for (let i = list.length - 1; i >= 0 && out.length < options.limit; i--) {
      const m = list[i]!;
      if (options.afterId !== undefined && m.id <= options.afterId) break;
      if (m.senderId === senderId) out.push(m);
    }
    return out;
  }

  /** Restores a message loaded from the database (no events, no persistence). */
  restoreMessage(message: Message): void {
    let list = this.messages.get(message.chatKey);
    if (!list) this.messages.set(message.chatKey, (list = []));
    list.push(message);
  }

  /** Restores an entity loaded from the database without persisting it again. */
  restore(load: (w: World) => void): void {
    const sink = this.sink;
    this.sink = noSink;
    try {
      load(this);
    } finally {
      this.sink = sink;
    }
  }

  /** Runs what is due: scheduled replies and simulated chatter up to the current sandbox time. */
  tick(chatter: (w: World, now: number) => void): void {
    const now = this.clock.now();
    this.scheduler.runDue(now);
    if (this.chatterEnabled) chatter(this, now);
  }

  displayName(userId: number | null): string {
    if (userId === null) return 'channel';
    const u = this.users.get(userId);
    return u ? [u.firstName, u.lastName].filter(Boolean).join(' ') : String(userId);
  }
}
