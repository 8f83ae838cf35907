import { Chat, type InputPeerLike, type TelegramClient } from '@mtcute/node';
import { AccountBanned, FloodWait, InvalidLink, PeerFlood, type TelegramError } from '../errors';
import { MessageHub } from '../hub';
import { parsePeerRef } from '../peer-ref';
import type {
  AccountEvent,
  MessageFilter,
  MessageStream,
  PeerRef,
  RecentMessagesOptions,
  SentMessage,
  TelegramAccount,
  TelegramChat,
  TelegramMessage,
  TelegramProfile,
  TelegramUser,
  TypingAction,
  Unsubscribe,
} from '../port';
import { chatOf, inputPeerOf, messageOf, mtcuteError, userOf } from './mapping';

/** One history page (Telegram's maximum), and how far back a search for own messages looks. */
const HISTORY_PAGE = 100;
const HISTORY_SCAN_MAX = 500;

/**
 * What Telegram answers a leave with when the account is not in the chat: CHANNEL_PRIVATE is
 * "you haven't joined this channel/supergroup" there (or were removed from it).
 */
const NOT_A_MEMBER = new Set(['USER_NOT_PARTICIPANT', 'CHANNEL_PRIVATE']);

type HistoryParams = NonNullable<Parameters<TelegramClient['getHistory']>[1]>;

export interface MtcuteLogger {
  warn(obj: object, msg: string): void;
}

/** One user account over one MTProto connection, kept open until `close`. */
export class MtcuteAccount implements TelegramAccount {
  private readonly hub: MessageHub;
  private closed = false;
  private reported = { banned: false, limited: false };

  constructor(
    readonly accountId: string,
    readonly client: TelegramClient,
    private readonly log: MtcuteLogger,
    private readonly onClosed: () => void,
  ) {
    this.hub = new MessageHub((err) => log.warn({ err, accountId }, 'message handler failed'));
    client.onNewMessage.add((m) => {
      try {
        this.hub.emitMessage(messageOf(m));
      } catch (err) {
        log.warn({ err, accountId }, 'could not read an incoming message');
      }
    });
    // Revoked sessions and bans show up on the connection too, not only on calls.
    client.onError.add((err) => {
      const typed = mtcuteError(err);
      if (typed instanceof AccountBanned) this.observe(typed);
    });
  }

  private observe(err: TelegramError): TelegramError {
    const at = new Date();
    if (err instanceof AccountBanned && !this.reported.banned) {
      this.reported.banned = true;
      this.hub.emitAccountEvent({ type: 'banned', reason: err.rpcText ?? 'banned', at });
    } else if (err instanceof PeerFlood && !this.reported.limited) {
      this.reported.limited = true;
      this.hub.emitAccountEvent({ type: 'limited', reason: 'PEER_FLOOD', at });
    } else if (err instanceof FloodWait)
      this.hub.emitAccountEvent({ type: 'flood_wait', seconds: err.seconds, at });
    return err;
  }

  private async run<T>(fn: () => Promise<T>, link?: string): Promise<T> {
    if (this.closed) throw new Error(`account ${this.accountId} is closed`);
    try {
      return await fn();
    } catch (err) {
      throw this.observe(mtcuteError(err, link));
    }
  }

  me(): Promise<TelegramUser> {
    return this.run(async () => userOf(await this.client.getMe()));
  }

  exportSession(): Promise<string> {
    return this.run(() => this.client.exportSession());
  }

  join(target: PeerRef): Promise<TelegramChat> {
    return this.run(async () => {
      const peer = inputPeerOf(target);
      try {
        const result = await this.client.joinChat(peer);
        if (result.status === 'ok') return chatOf(result.chat);
        // A join request waits for an admin: the chat stays closed to us until then.
        throw Object.assign(new Error('join request sent'), { code: 400, text: 'CHANNEL_PRIVATE' });
      } catch (err) {
        if ((err as { text?: string }).text === 'USER_ALREADY_PARTICIPANT')
          return chatOf(await this.client.getChat(peer));
        throw err;
      }
    }, target);
  }

  leave(chat: PeerRef): Promise<void> {
    return this.run(async () => {
      try {
        const peer = await this.leavable(chat);
        if (peer !== null) await this.client.leaveChat(peer);
      } catch (err) {
        if (!NOT_A_MEMBER.has((err as { text?: string }).text ?? '')) throw err;
      }
    }, chat);
  }

  /** The peer to leave; null when an invite link shows the account is not in its chat. */
  private async leavable(chat: PeerRef): Promise<InputPeerLike | null> {
    const ref = parsePeerRef(chat);
    if (ref.kind !== 'invite') return inputPeerOf(chat);
    // An invite link names no peer mtcute can resolve: only Telegram's answer to it says which chat.
    const invite = await this.client.call({ _: 'messages.checkChatInvite', hash: ref.hash });
    return invite._ === 'chatInviteAlready' ? new Chat(invite.chat) : null;
  }

  resolveUser(ref: PeerRef): Promise<TelegramUser> {
    return this.run(async () => {
      const [user] = await this.client.getUsers(inputPeerOf(ref));
      if (!user) throw new InvalidLink(ref, 'USERNAME_NOT_OCCUPIED');
      return userOf(user);
    }, ref);
  }

  resolveChat(ref: PeerRef): Promise<TelegramChat> {
    return this.run(async () => chatOf(await this.client.getChat(inputPeerOf(ref))), ref);
  }

  getProfile(user: PeerRef): Promise<TelegramProfile> {
    return this.run(async () => {
      const full = await this.client.getFullUser(inputPeerOf(user));
      return { ...userOf(full), bio: full.bio || null };
    }, user);
  }

  sendMessage(chat: PeerRef, text: string, options: { replyTo?: number } = {}): Promise<SentMessage> {
    return this.run(async () => {
      const m = await this.client.sendText(
        inputPeerOf(chat),
        text,
        options.replyTo ? { replyTo: options.replyTo } : {},
      );
      return { id: m.id, chatId: String(m.chat.id), date: m.date };
    }, chat);
  }

  sendTyping(chat: PeerRef, action: TypingAction = 'typing'): Promise<void> {
    return this.run(
      () => this.client.sendTyping(inputPeerOf(chat), action === 'cancel' ? 'cancel' : 'typing'),
      chat,
    );
  }

  ownRecentMessages(chat: PeerRef, options: RecentMessagesOptions): Promise<TelegramMessage[]> {
    return this.run(async () => {
      const peer = inputPeerOf(chat);
      const own: TelegramMessage[] = [];
      let offset: HistoryParams['offset'];
      // Telegram has no "my messages in this chat" listing short of a search: page through the
      // latest history (newest first, only after `afterId`) and keep what the account sent.
      for (let scanned = 0; scanned < HISTORY_SCAN_MAX && own.length < options.limit;) {
        const page = await this.client.getHistory(peer, {
          limit: HISTORY_PAGE,
          offset,
          minId: options.afterId ?? 0,
        });
        for (const m of page)
          if (m.isOutgoing && !m.isService && own.length < options.limit) own.push(messageOf(m));
        scanned += page.length;
        if (page.length < HISTORY_PAGE || !page.next) break;
        offset = page.next;
      }
      return own;
    }, chat);
  }

  onMessage(handler: (message: TelegramMessage) => void, filter?: MessageFilter): Unsubscribe {
    return this.hub.onMessage(handler, filter);
  }

  messages(filter?: MessageFilter): MessageStream {
    return this.hub.messages(filter);
  }

  onAccountEvent(handler: (event: AccountEvent) => void): Unsubscribe {
    return this.hub.onAccountEvent(handler);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.hub.clear();
    await this.client.destroy().catch(() => undefined);
    this.onClosed();
  }
}
