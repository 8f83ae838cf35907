import type { SkipReason } from './reasons';

/** What the caller should do about a Telegram failure (coolthing.md, "Telegram layer"). */
export type Reaction =
  /** Sleep for `seconds`, then repeat the same call (a long wait pauses the account instead). */
  | 'wait_and_resume'
  /** Stop working in this chat (or with this recipient) and report the reason. */
  | 'skip_chat'
  /** Stop using the account for a while (status `limited` or `flood_wait`); move its work elsewhere. */
  | 'pause_account'
  /** The account is gone: mark it `banned`, raise an alert, swap in a reserve account. */
  | 'mark_banned_and_alert'
  /** Onboarding only: the operator enters the code or password again, or starts over. */
  | 'ask_again';

export type TelegramErrorCode =
  | 'FLOOD_WAIT'
  | 'SLOW_MODE'
  | 'PEER_FLOOD'
  | 'WRITE_FORBIDDEN'
  | 'CHAT_PRIVATE'
  | 'USER_BANNED_IN_CHAT'
  | 'ACCOUNT_BANNED'
  | 'PRIVACY_RESTRICTED'
  | 'INVALID_LINK'
  | 'SIGN_IN_FAILED'
  | 'UNKNOWN';

/** Base of every typed Telegram failure: a code, the reaction it calls for and a reason for reports. */
export abstract class TelegramError extends Error {
  abstract readonly code: TelegramErrorCode;
  abstract readonly reaction: Reaction;
  /** The original's reason (scripts worker's chat-skip table), for reports in RU and EN. */
  abstract readonly reason: SkipReason;
  /** Telegram's own error text (`FLOOD_WAIT_30`), when there was one. */
  readonly rpcText: string | undefined;

  constructor(message: string, rpcText?: string, options?: { cause?: unknown }) {
    super(message, options);
    this.rpcText = rpcText;
  }

  /** Plain data for events and logs (never a session or a token). */
  toJSON(): Record<string, unknown> {
    return { code: this.code, reaction: this.reaction, reason: this.reason, message: this.message };
  }
}

/** FLOOD_WAIT_X: the account must not repeat the call for `seconds`. */
export class FloodWait extends TelegramError {
  override name = 'FloodWait';
  readonly code = 'FLOOD_WAIT';
  readonly reaction = 'wait_and_resume';
  readonly reason = 'flood_wait';
  constructor(
    readonly seconds: number,
    rpcText = `FLOOD_WAIT_${seconds}`,
  ) {
    super(`flood wait for ${seconds} s`, rpcText);
  }
  override toJSON() {
    return { ...super.toJSON(), seconds: this.seconds };
  }
}

/** SLOWMODE_WAIT_X: the chat allows this account's next message in `seconds`. */
export class SlowMode extends TelegramError {
  override name = 'SlowMode';
  readonly code = 'SLOW_MODE';
  readonly reaction = 'wait_and_resume';
  readonly reason = 'slow_mode';
  constructor(
    readonly seconds: number,
    rpcText = `SLOWMODE_WAIT_${seconds}`,
  ) {
    super(`slow mode: next message in ${seconds} s`, rpcText);
  }
  override toJSON() {
    return { ...super.toJSON(), seconds: this.seconds };
  }
}

/** PEER_FLOOD: Telegram limited the account for messaging strangers too much. */
export class PeerFlood extends TelegramError {
  override name = 'PeerFlood';
  readonly code = 'PEER_FLOOD';
  readonly reaction = 'pause_account';
  readonly reason = 'peer_flood';
  constructor(rpcText = 'PEER_FLOOD') {
    super('the account is limited (peer flood)', rpcText);
  }
}

/** The account may not post in this chat (CHAT_WRITE_FORBIDDEN and relatives). */
export class WriteForbidden extends TelegramError {
  override name = 'WriteForbidden';
  readonly code = 'WRITE_FORBIDDEN';
  readonly reaction = 'skip_chat';
  constructor(
    readonly reason: Extract<
      SkipReason,
      'cannot_write' | 'forbidden_words_or_dead_link' | 'not_discussion_member'
    > = 'cannot_write',
    rpcText = 'CHAT_WRITE_FORBIDDEN',
  ) {
    super(`cannot write in this chat (${reason})`, rpcText);
  }
}

/** CHANNEL_PRIVATE: the chat is private or the account was removed from it. */
export class ChatPrivate extends TelegramError {
  override name = 'ChatPrivate';
  readonly code = 'CHAT_PRIVATE';
  readonly reaction = 'skip_chat';
  readonly reason = 'private_or_ban';
  constructor(rpcText = 'CHANNEL_PRIVATE') {
    super('the chat is private or the account was banned from it', rpcText);
  }
}

/** USER_BANNED_IN_CHANNEL: the account is banned in this chat only. */
export class UserBannedInChat extends TelegramError {
  override name = 'UserBannedInChat';
  readonly code = 'USER_BANNED_IN_CHAT';
  readonly reaction = 'skip_chat';
  readonly reason = 'banned_in_channel';
  constructor(rpcText = 'USER_BANNED_IN_CHANNEL') {
    super('the account is banned in this chat', rpcText);
  }
}

/** The account itself is banned or its session was revoked. */
export class AccountBanned extends TelegramError {
  override name = 'AccountBanned';
  readonly code = 'ACCOUNT_BANNED';
  readonly reaction = 'mark_banned_and_alert';
  readonly reason = 'number_banned';
  constructor(rpcText = 'USER_DEACTIVATED_BAN') {
    super(`the account is banned or its session was revoked (${rpcText})`, rpcText);
  }
}

/** The recipient's privacy settings refuse this account. */
export class PrivacyRestricted extends TelegramError {
  override name = 'PrivacyRestricted';
  readonly code = 'PRIVACY_RESTRICTED';
  readonly reaction = 'skip_chat';
  readonly reason = 'privacy_restricted';
  constructor(rpcText = 'USER_PRIVACY_RESTRICTED') {
    super("the recipient's privacy settings refuse this account", rpcText);
  }
}

/** The link, invite hash or username does not lead anywhere. */
export class InvalidLink extends TelegramError {
  override name = 'InvalidLink';
  readonly code = 'INVALID_LINK';
  readonly reaction = 'skip_chat';
  readonly reason = 'bad_link';
  constructor(
    readonly link: string | undefined,
    rpcText = 'USERNAME_NOT_OCCUPIED',
  ) {
    super(`invalid link or username${link ? ` ${JSON.stringify(link.slice(0, 100))}` : ''}`, rpcText);
  }
}

export type SignInFailure =
  'phone_invalid' | 'code_invalid' | 'code_expired' | 'password_invalid' | 'flow_expired';

/** Sign-in refused: wrong code or password, unknown phone, or an expired flow. */
export class SignInFailed extends TelegramError {
  override name = 'SignInFailed';
  readonly code = 'SIGN_IN_FAILED';
  readonly reaction = 'ask_again';
  readonly reason = 'sign_in_failed';
  constructor(
    readonly failure: SignInFailure,
    rpcText?: string,
  ) {
    super(`sign-in failed: ${failure}`, rpcText);
  }
  override toJSON() {
    return { ...super.toJSON(), failure: this.failure };
  }
}

/** Anything else; `original` keeps what the library threw. */
export class TelegramUnknownError extends TelegramError {
  override name = 'TelegramUnknownError';
  readonly code = 'UNKNOWN';
  readonly reaction = 'skip_chat';
  readonly reason = 'unknown_error';
  constructor(
    readonly original: unknown,
    rpcText?: string,
  ) {
    super(
      `unexpected Telegram error: ${rpcText ?? (original instanceof Error ? original.message : String(original))}`.slice(
        0,
        500,
      ),
      rpcText,
      { cause: original },
    );
  }
}

/** True for every typed Telegram failure. */
export const isTelegramError = (err: unknown): err is TelegramError => err instanceof TelegramError;
