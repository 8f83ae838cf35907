import { findFault, fire } from './faults';
import { chatKeyOf, type Bot, type Chat, type Message, type SimUser } from './model';
import { sha256, type World } from './world';

/** A Bot API answer, as `api.telegram.org` sends it. */
export type BotApiResult =
  | { ok: true; result: unknown }
  | { ok: false; error_code: number; description: string; parameters?: { retry_after?: number } };

interface Update {
  update_id: number;
  message: Record<string, unknown>;
}

interface Queue {
  updates: Update[];
  nextId: number;
  waiters: Set<() => void>;
  commands: unknown[];
}

const MAX_QUEUED = 1000;
const fail = (error_code: number, description: string, retryAfter?: number): BotApiResult => ({
  ok: false,
  error_code,
  description,
  ...(retryAfter !== undefined ? { parameters: { retry_after: retryAfter } } : {}),
});

/**
 * The Bot API subset grammY needs (getMe, getUpdates with long polling, sendMessage,
 * deleteWebhook, setMyCommands, ...). Bots see every message in chats they are members of
 * (privacy mode off) and private messages sent to them.
 */
export class BotApi {
  private readonly queues = new Map<number, Queue>();
  private readonly unsubscribe: () => void;

  constructor(private readonly world: World) {
    this.unsubscribe = world.subscribe((e) => {
      if (e.type === 'message') this.deliver(e.message);
      if (e.type === 'reset') {
        for (const q of this.queues.values()) for (const w of q.waiters) w();
        this.queues.clear();
      }
    });
  }

  close(): void {
    this.unsubscribe();
    for (const q of this.queues.values()) for (const w of q.waiters) w();
  }

  private queue(botId: number): Queue {
    let q = this.queues.get(botId);
    if (!q) this.queues.set(botId, (q = { updates: [], nextId: 1, waiters: new Set(), commands: [] }));
    return q;
  }

  private deliver(m: Message): void {
    if (this.world.bots.size === 0) return;
    for (const bot of this.world.bots.values()) {
      if (m.senderId === bot.userId) continue;
      if (m.chatKey.startsWith('c:')) {
        const chat = this.world.chats.get(m.chatKey.slice(2));
        if (!chat?.members.has(bot.userId)) continue;
      } else {
        const [, x, y] = m.chatKey.split(':');
        if (Number(x) !== bot.userId && Number(y) !== bot.userId) continue;
        if (m.senderId !== null && !bot.contacts.has(m.senderId)) {
          bot.contacts.add(m.senderId);
          this.world.sink.bot(bot);
        }
      }
      const q = this.queue(bot.userId);
      q.updates.push({ update_id: q.nextId++, message: this.messageObject(m, bot.userId) });
      if (q.updates.length > MAX_QUEUED) q.updates.splice(0, q.updates.length - MAX_QUEUED);
      for (const w of q.waiters) w();
    }
  }

  /** Dispatches one Bot API call; `signal` ends a long poll early (client gone, shutdown). */
  async call(
    token: string,
    method: string,
    params: Record<string, unknown>,
    signal?: AbortSignal,
  ): Promise<BotApiResult> {
    const bot = this.world.botsByToken.get(sha256(token));
    if (!bot) return fail(401, 'Unauthorized');
    const me = this.world.users.get(bot.userId)!;
    const flood = findFault(this.world, 'flood_wait', { userId: bot.userId });
    if (flood && method !== 'getUpdates') {
      fire(this.world, flood);
      const s = flood.seconds ?? 1;
      return fail(429, `Too Many Requests: retry after ${s}`, s);
    }
    switch (method.toLowerCase()) {
      case 'getme':
        return {
          ok: true,
          result: {
            id: me.id,
            is_bot: true,
            first_name: me.firstName,
            username: me.username,
            can_join_groups: true,
            can_read_all_group_messages: true,
            supports_inline_queries: false,
          },
        };
      case 'getupdates':
        return this.getUpdates(bot, params, signal);
      case 'deletewebhook':
      case 'close':
      case 'logout':
      case 'sendchataction':
        return { ok: true, result: true };
      case 'getwebhookinfo':
        return { ok: true, result: { url: '', has_custom_certificate: false, pending_update_count: 0 } };
      case 'setwebhook':
        return fail(400, 'Bad Request: the sandbox supports long polling only');
      case 'setmycommands':
        this.queue(bot.userId).commands = Array.isArray(params.commands) ? params.commands.slice(0, 100) : [];
        return { ok: true, result: true };
      case 'deletemycommands':
        this.queue(bot.userId).commands = [];
        return { ok: true, result: true };
      case 'getmycommands':
        return { ok: true, result: this.queue(bot.userId).commands };
      case 'sendmessage':
        return this.sendMessage(bot, params);
      case 'getchat': {
        const chat = this.findChat(params.chat_id);
        if (!chat || !chat.members.has(bot.userId)) return fail(400, 'Bad Request: chat not found');
        return { ok: true, result: this.chatObject(chat) };
      }
      default:
        return fail(404, 'Not Found: method not found in the sandbox');
    }
  }

  private async getUpdates(
    bot: Bot,
    params: Record<string, unknown>,
    signal?: AbortSignal,
  ): Promise<BotApiResult> {
    const q = this.queue(bot.userId);
    const offset = Number(params.offset ?? 0);
    const limit = Math.min(100, Math.max(1, Number(params.limit ?? 100)));
    const timeout = Math.min(50, Math.max(0, Number(params.timeout ?? 0)));
    if (offset > 0) q.updates = q.updates.filter((u) => u.update_id >= offset);
    if (q.updates.length === 0 && timeout > 0 && !signal?.aborted) {
      await new Promise<void>((resolve) => {
        const done = () => {
          clearTimeout(timer);
          q.waiters.delete(done);
          signal?.removeEventListener('abort', done);
          resolve();
        };
        const timer = setTimeout(done, timeout * 1000);
        q.waiters.add(done);
        signal?.addEventListener('abort', done);
      });
    }
    const fresh = this.queues.get(bot.userId) ?? q;
    return { ok: true, result: fresh.updates.slice(0, limit) };
  }

  private sendMessage(bot: Bot, params: Record<string, unknown>): BotApiResult {
    const text = typeof params.text === 'string' ? params.text : '';
    if (text.trim() === '') return fail(400, 'Bad Request: message text is empty');
    if (text.length > 4096) return fail(400, 'Bad Request: message is too long');
    const replyParams = params.reply_parameters as { message_id?: number } | undefined;
    const replyTo = Number(replyParams?.message_id ?? params.reply_to_message_id ?? 0) || null;
    const chat = this.findChat(params.chat_id);
    let key: string;
    if (chat) {
      if (!chat.members.has(bot.userId))
        return fail(
          403,
          `Forbidden: bot is not a member of the ${chat.kind === 'group' ? 'group' : 'supergroup'} chat`,
        );
      key = chatKeyOf(chat.id);
    } else {
      const user = this.findUser(params.chat_id);
      if (!user) return fail(400, 'Bad Request: chat not found');
      if (!bot.contacts.has(user.id))
        return fail(403, "Forbidden: bot can't initiate conversation with a user");
      key = this.world.dialog(bot.userId, user.id).key;
    }
    if (replyTo !== null && !this.world.findMessage(key, replyTo))
      return fail(400, 'Bad Request: message to be replied not found');
    const m = this.world.post(key, bot.userId, text, replyTo);
    return { ok: true, result: this.messageObject(m, bot.userId) };
  }

  private findChat(id: unknown): Chat | undefined {
    if (typeof id === 'string' && id.startsWith('@')) {
      const entry = this.world.usernames.get(id.slice(1).toLowerCase());
      return entry?.kind === 'chat' ? this.world.chats.get(entry.id) : undefined;
    }
    return this.world.chats.get(String(id));
  }

  private findUser(id: unknown): SimUser | undefined {
    if (typeof id === 'string' && id.startsWith('@')) {
      const entry = this.world.usernames.get(id.slice(1).toLowerCase());
      return entry?.kind === 'user' ? this.world.users.get(entry.id) : undefined;
    }
    return this.world.users.get(Number(id));
  }

  private userObject(u: SimUser) {
    return {
      id: u.id,
      is_bot: u.kind === 'bot',
      first_name: u.firstName,
      ...(u.lastName ? { last_name: u.lastName } : {}),
      ...(u.username ? { username: u.username } : {}),
      language_code: u.lang,
    };
  }

  private chatObject(chat: Chat) {
    return {
      id: Number(chat.id),
      type: chat.kind === 'group' ? 'group' : 'supergroup',
      title: chat.title,
      ...(chat.username && !chat.isPrivate ? { username: chat.username } : {}),
    };
  }

  private messageObject(m: Message, viewerId: number): Record<string, unknown> {
    const sender = m.senderId === null ? undefined : this.world.users.get(m.senderId);
    let chat: Record<string, unknown>;
    if (m.chatKey.startsWith('c:')) chat = this.chatObject(this.world.chats.get(m.chatKey.slice(2))!);
    else {
      const [, x, y] = m.chatKey.split(':');
      const other = this.world.users.get(Number(x) === viewerId ? Number(y) : Number(x));
      chat = {
        id: other?.id ?? 0,
        type: 'private',
        first_name: other?.firstName ?? '',
        ...(other?.username ? { username: other.username } : {}),
      };
    }
    const reply = m.replyToId !== null ? this.world.findMessage(m.chatKey, m.replyToId) : undefined;
    return {
      message_id: m.id,
      ...(sender ? { from: this.userObject(sender) } : {}),
      chat,
      date: Math.floor(m.date / 1000),
      text: m.text,
      ...(reply ? { reply_to_message: this.messageObject({ ...reply, replyToId: null }, viewerId) } : {}),
    };
  }
}
