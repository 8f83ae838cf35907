import { describe, expect, it } from 'vitest';
import {
  AccountBanned,
  ChatPrivate,
  FloodWait,
  InvalidLink,
  PeerFlood,
  PrivacyRestricted,
  SignInFailed,
  SlowMode,
  TelegramUnknownError,
  UserBannedInChat,
  WriteForbidden,
} from './errors';
import { reactionOf, skipReasonText } from './reasons';
import { errorFromRpcText, toTelegramError } from './rpc-errors';

describe('Telegram RPC errors → typed errors', () => {
  it.each([
    ['FLOOD_WAIT_37', FloodWait],
    ['FLOOD_PREMIUM_WAIT_5', FloodWait],
    ['SLOWMODE_WAIT_120', SlowMode],
    ['PEER_FLOOD', PeerFlood],
    ['CHAT_WRITE_FORBIDDEN', WriteForbidden],
    ['CHAT_SEND_PLAIN_FORBIDDEN', WriteForbidden],
    ['CHAT_RESTRICTED', WriteForbidden],
    ['CHAT_ADMIN_REQUIRED', WriteForbidden],
    ['CHAT_GUEST_SEND_FORBIDDEN', WriteForbidden],
    ['CHANNEL_PRIVATE', ChatPrivate],
    ['USER_BANNED_IN_CHANNEL', UserBannedInChat],
    ['USER_DEACTIVATED_BAN', AccountBanned],
    ['PHONE_NUMBER_BANNED', AccountBanned],
    ['AUTH_KEY_UNREGISTERED', AccountBanned],
    ['AUTH_KEY_DUPLICATED', AccountBanned],
    ['USER_PRIVACY_RESTRICTED', PrivacyRestricted],
    ['INVITE_HASH_INVALID', InvalidLink],
    ['INVITE_HASH_EXPIRED', InvalidLink],
    ['USERNAME_INVALID', InvalidLink],
    ['USERNAME_NOT_OCCUPIED', InvalidLink],
    ['PHONE_CODE_INVALID', SignInFailed],
    ['PASSWORD_HASH_INVALID', SignInFailed],
  ])('%s → %o', (text, type) => {
    const err = errorFromRpcText(text);
    expect(err).toBeInstanceOf(type);
    expect(err!.rpcText).toBe(text);
  });

  it('keeps the seconds of waits', () => {
    expect((errorFromRpcText('FLOOD_WAIT_37') as FloodWait).seconds).toBe(37);
    expect((errorFromRpcText('SLOWMODE_WAIT_120') as SlowMode).seconds).toBe(120);
    expect(new FloodWait(5).toJSON()).toMatchObject({
      code: 'FLOOD_WAIT',
      seconds: 5,
      reaction: 'wait_and_resume',
    });
  });

  it("gives the original's reasons for skipped chats", () => {
    expect((errorFromRpcText('CHAT_WRITE_FORBIDDEN') as WriteForbidden).reason).toBe('cannot_write');
    expect((errorFromRpcText('CHAT_ADMIN_REQUIRED') as WriteForbidden).reason).toBe(
      'forbidden_words_or_dead_link',
    );
    expect((errorFromRpcText('CHAT_GUEST_SEND_FORBIDDEN') as WriteForbidden).reason).toBe(
      'not_discussion_member',
    );
    expect(errorFromRpcText('CHANNEL_PRIVATE')!.reason).toBe('private_or_ban');
    expect(errorFromRpcText('USER_BANNED_IN_CHANNEL')!.reason).toBe('banned_in_channel');
    expect(errorFromRpcText('PHONE_NUMBER_BANNED')!.reason).toBe('number_banned');
    expect(errorFromRpcText('SLOWMODE_WAIT_1')!.reason).toBe('slow_mode');
    expect(errorFromRpcText('INVITE_HASH_INVALID', { link: 't.me/+x' })!.reason).toBe('bad_link');
    expect(skipReasonText.private_or_ban).toEqual({ ru: 'приватный чат или бан', en: 'private chat or ban' });
    for (const reason of Object.keys(skipReasonText))
      expect(skipReasonText[reason as keyof typeof skipReasonText].ru).toMatch(/[а-я]/);
  });

  it('gives every error its reaction', () => {
    const cases: [string, string][] = [
      ['FLOOD_WAIT_1', 'wait_and_resume'],
      ['SLOWMODE_WAIT_1', 'wait_and_resume'],
      ['PEER_FLOOD', 'pause_account'],
      ['CHAT_WRITE_FORBIDDEN', 'skip_chat'],
      ['CHANNEL_PRIVATE', 'skip_chat'],
      ['USER_BANNED_IN_CHANNEL', 'skip_chat'],
      ['USER_DEACTIVATED_BAN', 'mark_banned_and_alert'],
      ['USER_PRIVACY_RESTRICTED', 'skip_chat'],
      ['USERNAME_NOT_OCCUPIED', 'skip_chat'],
    ];
    for (const [text, reaction] of cases) {
      const err = errorFromRpcText(text)!;
      expect(err.reaction).toBe(reaction);
      expect(reactionOf[err.code]).toBe(reaction);
    }
  });

  it('wraps unknown failures and keeps the original', () => {
    expect(errorFromRpcText('SOMETHING_NEW')).toBeUndefined();
    const rpc = Object.assign(new Error('x'), { code: 400, text: 'SOMETHING_NEW' });
    const wrapped = toTelegramError(rpc);
    expect(wrapped).toBeInstanceOf(TelegramUnknownError);
    expect((wrapped as TelegramUnknownError).original).toBe(rpc);
    expect(wrapped.reason).toBe('unknown_error');
    const plain = new TypeError('boom');
    expect((toTelegramError(plain) as TelegramUnknownError).original).toBe(plain);
    const typed = new PeerFlood();
    expect(toTelegramError(typed)).toBe(typed);
    expect(toTelegramError({ code: 420, text: 'FLOOD_WAIT_9' })).toBeInstanceOf(FloodWait);
  });

  it("reads mtcute's templated texts (FLOOD_WAIT_%d with seconds)", () => {
    const flood = toTelegramError({ code: 420, text: 'FLOOD_WAIT_%d', seconds: 420 } as never);
    expect(flood).toBeInstanceOf(FloodWait);
    expect((flood as FloodWait).seconds).toBe(420);
    expect(flood.rpcText).toBe('FLOOD_WAIT_420');
    const slow = toTelegramError({ code: 420, text: 'SLOWMODE_WAIT_%d', seconds: 17 } as never);
    expect(
      (toTelegramError({ code: 420, text: 'FLOOD_WAIT_%d', seconds: 5 } as never) as FloodWait).seconds,
    ).toBe(5);
    expect((slow as SlowMode).seconds).toBe(17);
  });
});
