import {
  HttpProxyTcpTransport,
  MtPeerNotFoundError,
  MtProxyTcpTransport,
  SocksProxyTcpTransport,
  type Chat,
  type Message,
  type Peer,
  type TelegramTransport,
  type User,
} from '@mtcute/node';
import { InvalidLink, type TelegramError } from '../errors';
import { parsePeerRef } from '../peer-ref';
import type { ChatKind, PeerRef, ProxyConfig, TelegramChat, TelegramMessage, TelegramUser } from '../port';
import { toTelegramError } from '../rpc-errors';

/** The mtcute transport for an account's proxy (none: mtcute's default TCP). */
export function transportFor(proxy: ProxyConfig | undefined): TelegramTransport | undefined {
  if (!proxy) return undefined;
  switch (proxy.type) {
    case 'socks5':
      return new SocksProxyTcpTransport({
        host: proxy.host,
        port: proxy.port,
        user: proxy.username,
        password: proxy.password,
        version: 5,
      });
    case 'http':
      return new HttpProxyTcpTransport({
        host: proxy.host,
        port: proxy.port,
        user: proxy.username,
        password: proxy.password,
        tls: proxy.tls ?? false,
      });
    case 'mtproxy':
      return new MtProxyTcpTransport({ host: proxy.host, port: proxy.port, secret: proxy.secret });
  }
}

/** What mtcute accepts as a peer for a ref: `@username`, a marked id, or an invite link. */
export function inputPeerOf(ref: PeerRef): string | number {
  const parsed = parsePeerRef(ref);
  if (parsed.kind === 'id') return Number(parsed.id);
  if (parsed.kind === 'invite') return `https://t.me/joinchat/${parsed.hash}`;
  return parsed.username;
}

export function userOf(u: User): TelegramUser {
  return {
    id: String(u.id),
    username: u.username,
    firstName: u.firstName,
    lastName: u.lastName,
    isBot: u.isBot === true,
  };
}

const KINDS: Record<string, ChatKind> = {
  group: 'group',
  supergroup: 'supergroup',
  gigagroup: 'supergroup',
  monoforum: 'supergroup',
  channel: 'channel',
};

export function chatOf(peer: Peer): TelegramChat {
  if (peer.type === 'user')
    return {
      id: String(peer.id),
      kind: 'private',
      title: peer.displayName,
      username: peer.username,
      membersCount: null,
    };
  const chat = peer as Chat;
  return {
    id: String(chat.id),
    kind: KINDS[chat.chatType] ?? 'supergroup',
    title: chat.title,
    username: chat.username,
    membersCount: chat.membersCount,
  };
}

export function messageOf(m: Message): TelegramMessage {
  const sender = m.sender;
  return {
    id: m.id,
    chat: chatOf(m.chat),
    sender: sender.type === 'user' ? userOf(sender) : null,
    text: m.text,
    date: m.date,
    replyToId: m.replyToMessage?.id ?? null,
    outgoing: m.isOutgoing === true,
  };
}

/** mtcute's failures as typed errors (RPC errors by text; an unknown peer is a bad link). */
export function mtcuteError(err: unknown, link?: string): TelegramError {
  if (err instanceof MtPeerNotFoundError) return new InvalidLink(link, 'PEER_NOT_FOUND');
  return toTelegramError(err, { link });
}
