import type { DmReplyKind, Lang } from './corpus';

/** How a simulated user answers private messages. */
export type Persona = DmReplyKind | 'silent';
export type UserKind = 'member' | 'account' | 'bot';
export type RoleHint = 'parser' | 'manager' | 'actor';

export interface SimUser {
  id: number;
  kind: UserKind;
  username: string | null;
  firstName: string;
  lastName: string | null;
  bio: string | null;
  lang: Lang;
  persona: Persona;
  privacyRestricted: boolean;
}

export interface Account {
  id: string;
  userId: number;
  phone: string;
  /** sha256 of the simulated 2FA password; null when 2FA is off. */
  passwordHash: string | null;
  passwordHint: string | null;
  roleHint: RoleHint | null;
  status: 'active' | 'limited' | 'banned';
  bannedReason: string | null;
  dmsSent: number;
  /** Sandbox time until which every call answers FLOOD_WAIT. */
  floodUntil: number;
}

/** `channel` is a channel's discussion (comments) group: members post, guests may not. */
export type ChatKind = 'group' | 'supergroup' | 'channel';

export interface Chat {
  id: string;
  kind: ChatKind;
  title: string;
  username: string | null;
  inviteHash: string | null;
  /** Not findable by username; joining needs the invite link. */
  isPrivate: boolean;
  lang: Lang;
  topic: string | null;
  members: Set<number>;
  slowModeSeconds: number;
  chatterPerMinute: number;
  /** A chat where notification bots post for admins. */
  isAdminChat: boolean;
  nextMessageId: number;
}

/** Private conversation between two users; `key` is `d:<lower id>:<higher id>`. */
export interface Dialog {
  key: string;
  a: number;
  b: number;
  nextMessageId: number;
}

/** `chatKey` is `c:<chat id>` or a dialog key. Dates are sandbox epoch milliseconds. */
export interface Message {
  chatKey: string;
  id: number;
  senderId: number | null;
  text: string;
  date: number;
  replyToId: number | null;
}

export interface Bot {
  userId: number;
  tokenHash: string;
  /** Users who wrote to the bot (a bot cannot start a private conversation). */
  contacts: Set<number>;
}

export const FAULT_KINDS = [
  'flood_wait',
  'slow_mode',
  'write_forbidden',
  'chat_private',
  'user_banned_in_chat',
  'account_banned',
  'ban_after_dms',
  'peer_flood',
  'privacy_restricted',
] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

export type FaultOperation = 'any' | 'send' | 'join' | 'leave' | 'resolve' | 'typing' | 'profile' | 'history';

export interface Fault {
  id: string;
  kind: FaultKind;
  accountId: string | null;
  chatId: string | null;
  userId: number | null;
  seconds: number | null;
  afterDms: number | null;
  operation: FaultOperation;
  /** How many more times it fires (null: until cleared). */
  remaining: number | null;
  createdAt: number;
}

export const chatKeyOf = (chatId: string) => `c:${chatId}`;
export const dialogKeyOf = (x: number, y: number) => (x < y ? `d:${x}:${y}` : `d:${y}:${x}`);

/** A failure the way Telegram reports it: HTTP-like code and error text (`FLOOD_WAIT_30`). */
export class RpcFailure extends Error {
  override name = 'RpcFailure';
  constructor(
    readonly code: number,
    readonly text: string,
  ) {
    super(text);
  }
}

export const rpc = {
  floodWait: (s: number) => new RpcFailure(420, `FLOOD_WAIT_${Math.max(1, Math.ceil(s))}`),
  slowMode: (s: number) => new RpcFailure(420, `SLOWMODE_WAIT_${Math.max(1, Math.ceil(s))}`),
  peerFlood: () => new RpcFailure(400, 'PEER_FLOOD'),
  writeForbidden: () => new RpcFailure(403, 'CHAT_WRITE_FORBIDDEN'),
  guestForbidden: () => new RpcFailure(403, 'CHAT_GUEST_SEND_FORBIDDEN'),
  channelPrivate: () => new RpcFailure(400, 'CHANNEL_PRIVATE'),
  bannedInChannel: () => new RpcFailure(400, 'USER_BANNED_IN_CHANNEL'),
  deactivated: () => new RpcFailure(401, 'USER_DEACTIVATED_BAN'),
  unregistered: () => new RpcFailure(401, 'AUTH_KEY_UNREGISTERED'),
  privacy: () => new RpcFailure(403, 'USER_PRIVACY_RESTRICTED'),
  usernameInvalid: () => new RpcFailure(400, 'USERNAME_INVALID'),
  usernameNotOccupied: () => new RpcFailure(400, 'USERNAME_NOT_OCCUPIED'),
  inviteInvalid: () => new RpcFailure(400, 'INVITE_HASH_INVALID'),
  peerInvalid: () => new RpcFailure(400, 'PEER_ID_INVALID'),
  replyInvalid: () => new RpcFailure(400, 'REPLY_MESSAGE_ID_INVALID'),
  phoneInvalid: () => new RpcFailure(400, 'PHONE_NUMBER_INVALID'),
  codeInvalid: () => new RpcFailure(400, 'PHONE_CODE_INVALID'),
  codeExpired: () => new RpcFailure(400, 'PHONE_CODE_EXPIRED'),
  passwordInvalid: () => new RpcFailure(400, 'PASSWORD_HASH_INVALID'),
  messageEmpty: () => new RpcFailure(400, 'MESSAGE_EMPTY'),
};
