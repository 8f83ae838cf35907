import {
  AccountBanned,
  ChatPrivate,
  FloodWait,
  InvalidLink,
  PeerFlood,
  PrivacyRestricted,
  SignInFailed,
  SlowMode,
  TelegramError,
  TelegramUnknownError,
  UserBannedInChat,
  WriteForbidden,
} from './errors';

/** A Telegram RPC error as every client library reports it: a numeric code and a text. */
export interface RpcErrorLike {
  code: number;
  text: string;
}

const WAIT = /^(?:FLOOD_WAIT|FLOOD_PREMIUM_WAIT|FLOOD_TEST_PHONE_WAIT|SLOWMODE_WAIT)_(\d+)$/;

const ACCOUNT_GONE = new Set([
  'USER_DEACTIVATED_BAN',
  'USER_DEACTIVATED',
  'PHONE_NUMBER_BANNED',
  'AUTH_KEY_UNREGISTERED',
  'AUTH_KEY_INVALID',
  'AUTH_KEY_DUPLICATED',
  'SESSION_REVOKED',
  'SESSION_EXPIRED',
]);
const BAD_LINK = new Set([
  'INVITE_HASH_INVALID',
  'INVITE_HASH_EXPIRED',
  'INVITE_HASH_EMPTY',
  'USERNAME_INVALID',
  'USERNAME_NOT_OCCUPIED',
  'CHANNEL_INVALID',
  'CHAT_ID_INVALID',
  'PEER_ID_INVALID',
]);
const PRIVATE = new Set(['CHANNEL_PRIVATE', 'CHANNEL_PUBLIC_GROUP_NA', 'CHAT_FORBIDDEN']);
const PRIVACY = new Set([
  'USER_PRIVACY_RESTRICTED',
  'PRIVACY_PREMIUM_REQUIRED',
  'USER_IS_BLOCKED',
  'YOU_BLOCKED_USER',
]);
const SIGN_IN = {
  PHONE_NUMBER_INVALID: 'phone_invalid',
  PHONE_NUMBER_UNOCCUPIED: 'phone_invalid',
  PHONE_CODE_INVALID: 'code_invalid',
  PHONE_CODE_EMPTY: 'code_invalid',
  PHONE_CODE_EXPIRED: 'code_expired',
  PASSWORD_HASH_INVALID: 'password_invalid',
} as const;

/**
 * Maps Telegram's error text to the typed error, or undefined when the text is not one we
 * give a meaning to. Shared by every adapter, so the same text means the same thing everywhere.
 */
export function errorFromRpcText(text: string, context: { link?: string } = {}): TelegramError | undefined {
  const wait = WAIT.exec(text);
  if (wait) {
    const seconds = Number(wait[1]);
    return text.startsWith('SLOWMODE_WAIT_') ? new SlowMode(seconds, text) : new FloodWait(seconds, text);
  }
  if (text === 'PEER_FLOOD') return new PeerFlood(text);
  if (text === 'CHAT_ADMIN_REQUIRED') return new WriteForbidden('forbidden_words_or_dead_link', text);
  if (text === 'CHAT_GUEST_SEND_FORBIDDEN') return new WriteForbidden('not_discussion_member', text);
  if (
    text === 'CHAT_WRITE_FORBIDDEN' ||
    text === 'CHAT_RESTRICTED' ||
    (text.startsWith('CHAT_SEND_') && text.endsWith('_FORBIDDEN'))
  )
    return new WriteForbidden('cannot_write', text);
  if (PRIVATE.has(text)) return new ChatPrivate(text);
  if (text === 'USER_BANNED_IN_CHANNEL') return new UserBannedInChat(text);
  if (ACCOUNT_GONE.has(text)) return new AccountBanned(text);
  if (PRIVACY.has(text)) return new PrivacyRestricted(text);
  if (BAD_LINK.has(text)) return new InvalidLink(context.link, text);
  if (text in SIGN_IN) return new SignInFailed(SIGN_IN[text as keyof typeof SIGN_IN], text);
  return undefined;
}

const isRpcErrorLike = (err: unknown): err is RpcErrorLike =>
  typeof err === 'object' &&
  err !== null &&
  typeof (err as RpcErrorLike).code === 'number' &&
  typeof (err as RpcErrorLike).text === 'string';

/**
 * The error text with its number put back: mtcute reports `FLOOD_WAIT_420` as text
 * `FLOOD_WAIT_%d` with `seconds: 420` (and `USER_MIGRATE_%d` with `newDc`, ...).
 */
function rpcText(err: RpcErrorLike): string {
  if (!err.text.includes('%d')) return err.text;
  const fields = err as unknown as Record<string, unknown>;
  const arg =
    typeof fields.seconds === 'number'
      ? fields.seconds
      : Object.entries(fields).find(([k, v]) => k !== 'code' && typeof v === 'number')?.[1];
  return arg === undefined ? err.text : err.text.replace('%d', String(arg));
}

/** Any failure from a Telegram library, as a typed error; unknown ones keep the original. */
export function toTelegramError(err: unknown, context: { link?: string } = {}): TelegramError {
  if (err instanceof TelegramError) return err;
  if (isRpcErrorLike(err)) {
    const text = rpcText(err);
    return errorFromRpcText(text, context) ?? new TelegramUnknownError(err, text);
  }
  return new TelegramUnknownError(err);
}
