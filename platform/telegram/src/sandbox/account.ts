import type {
  TgAccountEvent,
  TgChat,
  TgMessage,
  TgProfile,
  TgSentMessage,
  TgUser,
} from '@switchyard/contracts';
import { AccountBanned, FloodWait, PeerFlood, TelegramError, TelegramUnknownError } from '../errors';
import { MessageHub } from '../hub';
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
import type { SandboxHttp } from './http';
import { sessionOf } from './session';
import { SseReader } from './sse-reader';

export interface AccountLogger {
  warn(obj: object, msg: string): void;
}

/**
 * One account in the sandbox: plain HTTP calls for actions, and one long-lived event stream
 * for incoming messages (reconnected with backoff), as an MTProto connection would be.
 */
export class SandboxAccount implements TelegramAccount {
  private readonly hub: MessageHub;
  private readonly abort = new AbortController();
  private streamLoop: Promise<void> | undefined;
  private closed = false;
  private reported = { banned: false, limited: false };

  constructor(
    readonly accountId: string,
    private readonly key: string,
    private readonly http: SandboxHttp,
    private readonly log: AccountLogger,
    private readonly onClosed: () => void,
  ) {
    this.hub = new MessageHub((err) => this.log.warn({ err, accountId }, 'message handler failed'));
  }

  /** Opens the update stream; resolves once the sandbox accepted it. */
  async open(): Promise<void> {
    const first = await this.connectStream();
    this.streamLoop = this.pump(first);
  }

  private async connectStream(): Promise<Response> {
    let res: Response;
    try {
      res = await this.http.stream('/client/updates', this.key, this.abort.signal);
    } catch (err) {
      throw new TelegramUnknownError(err);
    }
    if (!res.ok || !res.body) {
      const body: unknown = await res.json().catch(() => undefined);
      throw this.observe(this.http.failure(res.status, body));
    }
    return res;
  }

  private async pump(first: Response): Promise<void> {
    let res: Response | undefined = first;
    let delay = 200;
    while (!this.closed) {
      try {
        res ??= await this.connectStream();
        delay = 200;
        const reader = new SseReader();
        for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
          reader.push(chunk, (e) => this.dispatch(e.event, e.data));
        }
      } catch (err) {
        if (this.closed) return;
        if (err instanceof AccountBanned) return;
        this.log.warn(
          { err: (err as Error).message, accountId: this.accountId },
          'sandbox update stream dropped',
        );
      }
      res = undefined;
      if (this.closed) return;
      await new Promise((r) => setTimeout(r, delay));
      delay = Math.min(delay * 2, 10_000);
    }
  }

  private dispatch(event: string, data: string): void {
    if (event === 'message') this.hub.emitMessage(toMessage(JSON.parse(data) as TgMessage));
    else if (event === 'account') {
      const e = JSON.parse(data) as TgAccountEvent;
      if (e.type === 'banned') this.report({ type: 'banned', reason: e.reason, at: new Date(e.at) });
      else if (e.type === 'limited') this.report({ type: 'limited', reason: e.reason, at: new Date(e.at) });
      // Flood waits are reported from the failing call, as the MTProto adapter does.
    }
  }

  /** Account events once per state change, whichever comes first: the stream or a failing call. */
  private report(event: AccountEvent): void {
    if (event.type === 'banned') {
      if (this.reported.banned) return;
      this.reported.banned = true;
    } else if (event.type === 'limited') {
      if (this.reported.limited) return;
      this.reported.limited = true;
    }
    this.hub.emitAccountEvent(event);
  }

  private observe(err: TelegramError): TelegramError {
    const at = new Date();
    if (err instanceof AccountBanned) this.report({ type: 'banned', reason: err.rpcText ?? 'banned', at });
    else if (err instanceof PeerFlood) this.report({ type: 'limited', reason: 'PEER_FLOOD', at });
    else if (err instanceof FloodWait) this.report({ type: 'flood_wait', seconds: err.seconds, at });
    return err;
  }

  private async call<T>(method: 'GET' | 'POST', path: string, body?: unknown, link?: string): Promise<T> {
    if (this.closed) throw new Error(`account ${this.accountId} is closed`);
    try {
      return await this.http.call<T>(method, path, body, this.key, { link });
    } catch (err) {
      throw err instanceof TelegramError ? this.observe(err) : err;
    }
  }

  async me(): Promise<TelegramUser> {
    return this.call<TgUser>('GET', '/client/me');
  }

  async exportSession(): Promise<string> {
    return sessionOf(this.key);
  }

  async join(target: PeerRef): Promise<TelegramChat> {
    return this.call<TgChat>('POST', '/client/join', { target }, target);
  }

  async leave(chat: PeerRef): Promise<void> {
    await this.call('POST', '/client/leave', { chat }, chat);
  }

  async resolveUser(ref: PeerRef): Promise<TelegramUser> {
    const r = await this.call<{ kind: 'user'; user: TgUser }>(
      'POST',
      '/client/resolve',
      { ref, expect: 'user' },
      ref,
    );
    return r.user;
  }

  async resolveChat(ref: PeerRef): Promise<TelegramChat> {
    const r = await this.call<{ kind: 'chat'; chat: TgChat }>(
      'POST',
      '/client/resolve',
      { ref, expect: 'chat' },
      ref,
    );
    return r.chat;
  }

  async getProfile(user: PeerRef): Promise<TelegramProfile> {
    return this.call<TgProfile>('POST', '/client/profile', { user }, user);
  }

  async sendMessage(chat: PeerRef, text: string, options: { replyTo?: number } = {}): Promise<SentMessage> {
    const sent = await this.call<TgSentMessage>(
      'POST',
      '/client/send',
      { chat, text, replyTo: options.replyTo },
      chat,
    );
    return { id: sent.id, chatId: sent.chatId, date: new Date(sent.date) };
  }

  async sendTyping(chat: PeerRef, action: TypingAction = 'typing'): Promise<void> {
    await this.call('POST', '/client/typing', { chat, action }, chat);
  }

  async ownRecentMessages(chat: PeerRef, options: RecentMessagesOptions): Promise<TelegramMessage[]> {
    const { items } = await this.call<{ items: TgMessage[] }>(
      'POST',
      '/client/own-messages',
      { chat, limit: options.limit, afterId: options.afterId },
      chat,
    );
    return items.map(toMessage);
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
    this.abort.abort();
    await this.streamLoop?.catch(() => undefined);
    this.hub.clear();
    this.onClosed();
  }
}

export function toMessage(m: TgMessage): TelegramMessage {
  return {
    id: m.id,
    chat: m.chat,
    sender: m.sender,
    text: m.text,
    date: new Date(m.date),
    replyToId: m.replyToId,
    outgoing: m.outgoing,
  };
}
