import { randomBytes } from 'node:crypto';
import {
  BaseTelegramClient,
  Long,
  TelegramClient,
  toggleChannelIdMark,
  type TelegramClientOptions,
} from '@mtcute/node';
import type { ContractFault, ContractWorld } from './contract';

/**
 * A stand-in for Telegram's servers at the RPC level, for testing the mtcute adapter offline:
 * mtcute runs for real (flood-wait middleware, error parsing, peer storage, high-level
 * methods, updates), only the network under it is replaced. It answers the calls the adapter
 * makes and produces Telegram's errors for the contract's faults.
 */

interface StubUser {
  id: number;
  accessHash: Long;
  firstName: string;
  lastName?: string;
  username?: string;
  bio: string;
  phone?: string;
}

interface StubMessage {
  id: number;
  fromId: number;
  date: number;
  text: string;
  replyTo?: number;
}

interface StubChannel {
  id: number;
  accessHash: Long;
  title: string;
  username: string;
  invite: string;
  members: Set<number>;
  pts: number;
  lastMessageId: number;
  /** Oldest first (for messages.getHistory). */
  history: StubMessage[];
}

type RpcRequest = { _: string } & Record<string, unknown>;
type Answer = unknown;

const rpcError = (code: number, text: string) => ({ _: 'mt_rpc_error', errorCode: code, errorMessage: text });

export class StubTelegram {
  readonly users = new Map<number, StubUser>();
  readonly channels = new Map<number, StubChannel>();
  private readonly byPhone = new Map<string, number>();
  private readonly codes = new Map<string, string>();
  private readonly sessions = new Map<string, number>();
  private readonly faults = new Map<number, ContractFault[]>();
  private readonly lastSend = new Map<string, number>();
  private readonly dmsSent = new Map<number, number>();
  private readonly banned = new Set<number>();
  private readonly clients = new Set<{
    userId: () => number | undefined;
    base: BaseTelegramClient;
    pts: number;
  }>();
  private nextId = 1000;
  private dmMessageId = 1;
  /** Every RPC method called, for tests that check what went over the wire. */
  readonly calls: string[] = [];

  /** A client factory for `MtcuteTelegramGateway({ createClient })`. */
  readonly createClient = async (options: TelegramClientOptions): Promise<TelegramClient> => {
    const base = new BaseTelegramClient({
      ...(options as ConstructorParameters<typeof BaseTelegramClient>[0]),
      logLevel: Number(process.env.STUB_LOG ?? 0),
    });
    await base.importSession({ authKey: randomBytes(256) });
    const mt = base.mt as unknown as {
      connect: () => Promise<void>;
      network: { _call: (r: RpcRequest) => Promise<Answer> };
    };
    mt.connect = async () => undefined;
    const authKey = async () => {
      const keys = (
        base.mt.storage as unknown as {
          provider: { authKeys: { get(dc: number): Promise<Uint8Array | null> } };
        }
      ).provider.authKeys;
      const key = await keys.get(base.mt._defaultDcs.main.id);
      return key ? Buffer.from(key).toString('hex') : '';
    };
    let currentKey = '';
    const entry = { userId: () => this.sessions.get(currentKey), base, pts: 1 };
    this.clients.add(entry);
    base.onError.add(() => undefined);
    mt.network._call = async (req) => {
      currentKey = await authKey();
      this.calls.push(req._);
      try {
        return this.handle(req, currentKey);
      } catch (err) {
        if (err && typeof err === 'object' && '_' in err) return err;
        throw err;
      }
    };
    const client = new TelegramClient({ client: base });
    const destroy = client.destroy.bind(client);
    client.destroy = async () => {
      this.clients.delete(entry);
      await destroy();
    };
    return client;
  };

  // --- the world, as the contract arranges it --------------------------------------------

  addUser(spec: { firstName: string; username?: string; bio?: string; phone?: string }): StubUser {
    const user: StubUser = {
      id: this.nextId++,
      accessHash: Long.fromNumber(this.nextId * 7),
      bio: '',
      ...spec,
    };
    this.users.set(user.id, user);
    if (spec.phone) this.byPhone.set(spec.phone, user.id);
    return user;
  }

  addChannel(spec: { title: string; username: string }): StubChannel {
    const id = this.nextId++;
    const channel: StubChannel = {
      id,
      accessHash: Long.fromNumber(id * 13),
      invite: `Inv${id}xYz`,
      members: new Set(),
      pts: 1,
      lastMessageId: 0,
      history: [],
      ...spec,
    };
    this.channels.set(id, channel);
    return channel;
  }

  codeFor(phone: string): string {
    const code = this.codes.get(phone);
    if (!code) throw new Error(`no code sent to ${phone}`);
    return code;
  }

  addFault(phone: string, fault: ContractFault): void {
    const userId = this.byPhone.get(phone)!;
    this.faults.set(userId, [...(this.faults.get(userId) ?? []), fault]);
  }

  /** A member posts in a channel: members' clients get updateNewChannelMessage. */
  postInChannel(channelId: number, fromId: number, text: string): void {
    const ch = this.channels.get(channelId)!;
    ch.pts += 1;
    const stored = this.store(ch, fromId, text);
    const message = this.rawMessage(ch, stored, false);
    this.push(
      (uid) => ch.members.has(uid) && uid !== fromId,
      () => ({
        _: 'updates',
        updates: [{ _: 'updateNewChannelMessage', message, pts: ch.pts, ptsCount: 1 }],
        users: [this.rawUser(this.users.get(fromId)!)],
        chats: [this.rawChannel(ch)],
        date: message.date,
        seq: 0,
      }),
    );
  }

  /** A user writes privately: the recipient's clients get updateShortMessage. */
  directMessage(fromId: number, toId: number, text: string): void {
    const id = this.dmMessageId++;
    for (const c of this.clients) {
      if (c.userId() !== toId) continue;
      c.pts += 1;
      c.base.mt.onUpdate.emit({
        _: 'updates',
        updates: [
          {
            _: 'updateNewMessage',
            message: {
              _: 'message',
              id,
              fromId: { _: 'peerUser', userId: fromId },
              peerId: { _: 'peerUser', userId: fromId },
              date: Math.floor(Date.now() / 1000),
              message: text,
            },
            pts: c.pts,
            ptsCount: 1,
          },
        ],
        users: [this.rawUser(this.users.get(fromId)!)],
        chats: [],
        date: Math.floor(Date.now() / 1000),
        seq: 0,
      } as never);
    }
  }

  private push(to: (userId: number) => boolean, updates: () => unknown): void {
    for (const c of this.clients) {
      const uid = c.userId();
      // Pushed by the server, as a live connection receives them (not as an RPC result).
      if (uid !== undefined && to(uid)) c.base.mt.onUpdate.emit(updates() as never);
    }
  }

  // --- TL objects ---------------------------------------------------------------------------

  private rawUser(u: StubUser, self = false) {
    return {
      _: 'user',
      id: u.id,
      accessHash: u.accessHash,
      firstName: u.firstName,
      lastName: u.lastName,
      username: u.username,
      self,
    };
  }

  private rawChannel(ch: StubChannel) {
    return {
      _: 'channel',
      id: ch.id,
      accessHash: ch.accessHash,
      title: ch.title,
      username: ch.username,
      megagroup: true,
      date: 0,
      photo: { _: 'chatPhotoEmpty' },
      participantsCount: ch.members.size,
    };
  }

  /** A channel message as `viewer` sees it (`out` when the viewer sent it). */
  private rawMessage(ch: StubChannel, m: StubMessage, out: boolean) {
    return {
      _: 'message',
      id: m.id,
      ...(out ? { out: true } : {}),
      fromId: { _: 'peerUser', userId: m.fromId },
      peerId: { _: 'peerChannel', channelId: ch.id },
      date: m.date,
      message: m.text,
      ...(m.replyTo ? { replyTo: { _: 'messageReplyHeader', replyToMsgId: m.replyTo } } : {}),
    };
  }

  private store(ch: StubChannel, fromId: number, text: string, replyTo?: number): StubMessage {
    const m: StubMessage = { id: ++ch.lastMessageId, fromId, date: Math.floor(Date.now() / 1000), text };
    if (replyTo) m.replyTo = replyTo;
    ch.history.push(m);
    return m;
  }

  private updatesWith(ch: StubChannel, updates: unknown[] = []) {
    return {
      _: 'updates',
      updates,
      users: [],
      chats: [this.rawChannel(ch)],
      date: Math.floor(Date.now() / 1000),
      seq: 0,
    };
  }

  // --- RPC ----------------------------------------------------------------------------------

  private fault<K extends ContractFault['kind']>(
    userId: number,
    kind: K,
  ): Extract<ContractFault, { kind: K }>[] {
    return (this.faults.get(userId) ?? []).filter(
      (f): f is Extract<ContractFault, { kind: K }> => f.kind === kind,
    );
  }

  private channelOf(input: unknown): StubChannel {
    const i = input as { _: string; channelId?: number };
    const ch = i.channelId !== undefined ? this.channels.get(i.channelId) : undefined;
    if (!ch) throw rpcError(400, 'CHANNEL_INVALID');
    return ch;
  }

  private userOf(input: unknown, self: number): StubUser {
    const i = input as { _: string; userId?: number };
    const id = i._ === 'inputUserSelf' || i._ === 'inputPeerSelf' ? self : i.userId;
    const u = id !== undefined ? this.users.get(id) : undefined;
    if (!u) throw rpcError(400, 'USER_ID_INVALID');
    return u;
  }

  private handle(req: RpcRequest, key: string): Answer {
    const now = Math.floor(Date.now() / 1000);
    switch (req._) {
      case 'auth.sendCode': {
        const phone = String(req.phoneNumber);
        if (!this.byPhone.has(phone)) throw rpcError(400, 'PHONE_NUMBER_INVALID');
        this.codes.set(phone, String(10000 + Math.floor(Math.random() * 89999)));
        return {
          _: 'auth.sentCode',
          type: { _: 'auth.sentCodeTypeApp', length: 5 },
          phoneCodeHash: `h${phone}`,
          timeout: 60,
        };
      }
      case 'auth.signIn': {
        const phone = String(req.phoneNumber);
        if (req.phoneCode !== this.codes.get(phone)) throw rpcError(400, 'PHONE_CODE_INVALID');
        const userId = this.byPhone.get(phone)!;
        this.sessions.set(key, userId);
        return { _: 'auth.authorization', user: this.rawUser(this.users.get(userId)!, true) };
      }
      case 'updates.getState':
        return { _: 'updates.state', pts: 1, qts: 0, date: now, seq: 0, unreadCount: 0 };
      case 'updates.getDifference':
        return { _: 'updates.differenceEmpty', date: now, seq: 0 };
      case 'updates.getChannelDifference':
        return { _: 'updates.channelDifferenceEmpty', final: true, pts: (req.pts as number) ?? 1 };
      case 'help.getConfig':
      case 'help.getNearestDc':
        throw rpcError(400, 'METHOD_NOT_STUBBED');
    }
    const self = this.sessions.get(key);
    if (self === undefined) throw rpcError(401, 'AUTH_KEY_UNREGISTERED');
    if (this.banned.has(self)) throw rpcError(401, 'USER_DEACTIVATED_BAN');
    const flood = this.fault(self, 'flood_wait')[0];
    if (flood) {
      this.faults.set(
        self,
        (this.faults.get(self) ?? []).filter((f) => f !== flood),
      );
      throw rpcError(420, `FLOOD_WAIT_${flood.seconds}`);
    }
    switch (req._) {
      case 'users.getUsers':
        return (req.id as unknown[]).map((i) =>
          this.rawUser(this.userOf(i, self), this.userOf(i, self).id === self),
        );
      case 'users.getFullUser': {
        const u = this.userOf(req.id, self);
        return {
          _: 'users.userFull',
          fullUser: {
            _: 'userFull',
            id: u.id,
            about: u.bio,
            settings: { _: 'peerSettings' },
            notifySettings: { _: 'peerNotifySettings' },
            commonChatsCount: 0,
          },
          chats: [],
          users: [this.rawUser(u, u.id === self)],
        };
      }
      case 'contacts.resolveUsername': {
        const name = String(req.username).toLowerCase();
        const user = [...this.users.values()].find((u) => u.username?.toLowerCase() === name);
        if (user)
          return {
            _: 'contacts.resolvedPeer',
            peer: { _: 'peerUser', userId: user.id },
            chats: [],
            users: [this.rawUser(user)],
          };
        const ch = [...this.channels.values()].find((c) => c.username.toLowerCase() === name);
        if (!ch) throw rpcError(400, 'USERNAME_NOT_OCCUPIED');
        return {
          _: 'contacts.resolvedPeer',
          peer: { _: 'peerChannel', channelId: ch.id },
          chats: [this.rawChannel(ch)],
          users: [],
        };
      }
      case 'channels.getChannels':
        return {
          _: 'messages.chats',
          chats: (req.id as unknown[]).map((i) => this.rawChannel(this.channelOf(i))),
        };
      case 'channels.joinChannel': {
        const ch = this.channelOf(req.channel);
        this.checkChannel(self, ch, 'join');
        if (ch.members.has(self)) throw rpcError(400, 'USER_ALREADY_PARTICIPANT');
        ch.members.add(self);
        return { _: 'messages.chatInviteJoinResultOk', updates: this.updatesWith(ch) };
      }
      case 'channels.leaveChannel': {
        const ch = this.channelOf(req.channel);
        this.checkChannel(self, ch, 'join');
        if (!ch.members.delete(self)) throw rpcError(400, 'USER_NOT_PARTICIPANT');
        return this.updatesWith(ch);
      }
      case 'messages.checkChatInvite': {
        const ch = [...this.channels.values()].find((c) => c.invite === req.hash);
        if (!ch) throw rpcError(400, 'INVITE_HASH_INVALID');
        return ch.members.has(self)
          ? { _: 'chatInviteAlready', chat: this.rawChannel(ch) }
          : {
              _: 'chatInvite',
              title: ch.title,
              photo: { _: 'photoEmpty', id: Long.ZERO },
              participantsCount: ch.members.size,
              megagroup: true,
              color: 0,
            };
      }
      case 'messages.importChatInvite': {
        const ch = [...this.channels.values()].find((c) => c.invite === req.hash);
        if (!ch) throw rpcError(400, 'INVITE_HASH_INVALID');
        this.checkChannel(self, ch, 'join');
        if (ch.members.has(self)) throw rpcError(400, 'USER_ALREADY_PARTICIPANT');
        ch.members.add(self);
        return { _: 'messages.chatInviteJoinResultOk', updates: this.updatesWith(ch) };
      }
      case 'messages.setTyping':
        return true;
      case 'messages.sendMessage':
        return this.send(self, req);
      case 'messages.getHistory':
        return this.history(self, req);
      default:
        throw rpcError(400, `METHOD_NOT_STUBBED_${req._}`);
    }
  }

  private checkChannel(self: number, ch: StubChannel, op: 'join' | 'send' | 'read'): void {
    if (this.fault(self, 'chat_private').some((f) => f.chatId === this.markedId(ch)))
      throw rpcError(400, 'CHANNEL_PRIVATE');
    const banned = this.fault(self, 'user_banned_in_chat').some((f) => f.chatId === this.markedId(ch));
    if (op === 'send' && banned) throw rpcError(400, 'USER_BANNED_IN_CHANNEL');
    // A banned user (or a stranger: the stub has no public previews) cannot see the chat at all.
    if (op === 'read' && (banned || !ch.members.has(self))) throw rpcError(400, 'CHANNEL_PRIVATE');
  }

  markedId(ch: StubChannel): string {
    return String(toggleChannelIdMark(ch.id));
  }

  private send(self: number, req: RpcRequest): Answer {
    const peer = req.peer as { _: string; channelId?: number; userId?: number };
    const now = Math.floor(Date.now() / 1000);
    const replyTo = (req.replyTo as { replyToMsgId?: number } | undefined)?.replyToMsgId;
    if (peer._ === 'inputPeerChannel') {
      const ch = this.channelOf(peer);
      this.checkChannel(self, ch, 'send');
      if (!ch.members.has(self)) throw rpcError(403, 'CHAT_WRITE_FORBIDDEN');
      const marked = this.markedId(ch);
      if (this.fault(self, 'write_forbidden').some((f) => f.chatId === marked))
        throw rpcError(403, 'CHAT_WRITE_FORBIDDEN');
      const slow = this.fault(self, 'slow_mode').find((f) => f.chatId === marked);
      const last = this.lastSend.get(`${self}|${ch.id}`);
      if (slow && last !== undefined && Date.now() - last < slow.seconds * 1000)
        throw rpcError(420, `SLOWMODE_WAIT_${Math.ceil((last + slow.seconds * 1000 - Date.now()) / 1000)}`);
      this.lastSend.set(`${self}|${ch.id}`, Date.now());
      ch.pts += 1;
      const message = this.rawMessage(ch, this.store(ch, self, String(req.message), replyTo), true);
      return {
        _: 'updates',
        updates: [
          { _: 'updateMessageID', id: message.id, randomId: req.randomId },
          { _: 'updateNewChannelMessage', message, pts: ch.pts, ptsCount: 1 },
        ],
        users: [this.rawUser(this.users.get(self)!, true)],
        chats: [this.rawChannel(ch)],
        date: now,
        seq: 0,
      };
    }
    const to = this.userOf(peer, self);
    if (this.fault(self, 'peer_flood').length) throw rpcError(400, 'PEER_FLOOD');
    if (this.fault(self, 'privacy_restricted').some((f) => f.userId === String(to.id)))
      throw rpcError(403, 'USER_PRIVACY_RESTRICTED');
    const sent = (this.dmsSent.get(self) ?? 0) + 1;
    this.dmsSent.set(self, sent);
    const ban = this.fault(self, 'ban_after_dms')[0];
    if (ban && sent >= ban.afterDms) this.banned.add(self);
    return { _: 'updateShortSentMessage', out: true, id: this.dmMessageId++, pts: 1, ptsCount: 0, date: now };
  }

  /** messages.getHistory of a channel: newest first, below `offsetId`, above `minId`. */
  private history(self: number, req: RpcRequest): Answer {
    const peer = req.peer as { _: string; channelId?: number };
    if (peer._ !== 'inputPeerChannel') throw rpcError(400, 'METHOD_NOT_STUBBED_history_of_a_user');
    const ch = this.channelOf(peer);
    this.checkChannel(self, ch, 'read');
    const offsetId = Number(req.offsetId) || Infinity;
    const minId = Number(req.minId) || 0;
    const page = ch.history
      .filter((m) => m.id < offsetId && m.id > minId)
      .reverse()
      .slice(0, Number(req.limit) || 100);
    const senders = new Set(page.map((m) => m.fromId));
    return {
      _: 'messages.channelMessages',
      pts: ch.pts,
      count: ch.history.length,
      messages: page.map((m) => this.rawMessage(ch, m, m.fromId === self)),
      topics: [],
      chats: [this.rawChannel(ch)],
      users: [...senders].map((id) => this.rawUser(this.users.get(id)!, id === self)),
    };
  }
}

/** The contract's world over the stub. */
export function stubWorld(stub: StubTelegram): ContractWorld {
  let n = 0;
  return {
    account: async (spec) => {
      if (spec?.password) throw new Error('the stub has no two-step verification');
      const phone = `7999${String(++n).padStart(7, '0')}`;
      stub.addUser({ firstName: `Account${n}`, username: `stub_account_${n}`, phone });
      return { phone };
    },
    codeFor: async (phone) => stub.codeFor(phone.replace(/^\+/, '')),
    chat: async () => {
      const ch = stub.addChannel({ title: `Stub chat ${++n}`, username: `stub_chat_${n}` });
      return { id: stub.markedId(ch), username: ch.username, inviteLink: `https://t.me/+${ch.invite}` };
    },
    user: async (spec) => {
      const u = stub.addUser({ firstName: `User${++n}`, username: `stub_user_${n}`, bio: `bio ${n}` });
      if (spec?.chatId)
        [...stub.channels.values()].find((c) => stub.markedId(c) === spec.chatId)?.members.add(u.id);
      return { id: String(u.id), username: u.username!, firstName: u.firstName, bio: u.bio };
    },
    postInChat: async (chatId, userId, text) => {
      const ch = [...stub.channels.values()].find((c) => stub.markedId(c) === chatId)!;
      stub.postInChannel(ch.id, Number(userId), text);
    },
    directMessage: async (from, to, text) => stub.directMessage(Number(from), Number(to), text),
    fault: async (phone, fault) => stub.addFault(phone.replace(/^\+/, ''), fault),
  };
}
