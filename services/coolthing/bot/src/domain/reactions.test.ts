import { describe, expect, it } from 'vitest';
import {
  AccountBanned,
  ChatPrivate,
  FloodWait,
  InvalidLink,
  PeerFlood,
  PrivacyRestricted,
  TelegramUnknownError,
  UserBannedInChat,
} from '@switchyard/telegram';
import { reactionTo } from './reactions';

describe('reactions to send failures', () => {
  it('waits out short flood waits, reports long ones', () => {
    expect(reactionTo(new FloodWait(30), 60)).toEqual({ kind: 'wait', seconds: 30 });
    expect(reactionTo(new FloodWait(3600), 60)).toEqual({ kind: 'flood_wait', seconds: 3600 });
  });

  it('limits on PeerFlood, stops on a ban', () => {
    expect(reactionTo(new PeerFlood(), 60)).toEqual({ kind: 'limited' });
    expect(reactionTo(new AccountBanned(), 60)).toEqual({ kind: 'banned', reason: 'USER_DEACTIVATED_BAN' });
  });

  it('skips recipients it cannot write to, with the reason', () => {
    expect(reactionTo(new PrivacyRestricted(), 60)).toMatchObject({
      kind: 'skip',
      reason: 'privacy_restricted',
    });
    expect(reactionTo(new InvalidLink('@nobody'), 60)).toMatchObject({ kind: 'skip', reason: 'bad_link' });
    expect(reactionTo(new UserBannedInChat(), 60)).toMatchObject({
      kind: 'skip',
      reason: 'banned_in_channel',
    });
    expect(reactionTo(new ChatPrivate(), 60)).toMatchObject({ kind: 'skip', reason: 'private_or_ban' });
  });

  it('tries unknown failures again', () => {
    expect(reactionTo(new TelegramUnknownError(new Error('socket hang up')), 60).kind).toBe('transient');
    expect(reactionTo(new Error('ECONNRESET'), 60).kind).toBe('transient');
  });
});
