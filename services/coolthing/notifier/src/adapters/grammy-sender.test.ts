import { describe, expect, it } from 'vitest';
import {
  AccountBanned,
  FloodWait,
  InvalidLink,
  TelegramUnknownError,
  WriteForbidden,
} from '@switchyard/telegram';
import { classify } from './grammy-sender';

describe('classify', () => {
  it('retries waits and outages, gives up on refusals', () => {
    const cases: [unknown, boolean, string][] = [
      [new FloodWait(600), false, 'flood_wait'],
      [new WriteForbidden('cannot_write', 'Forbidden: bot was kicked'), true, 'forbidden'],
      [new InvalidLink('-100', 'chat not found'), true, 'chat_not_found'],
      [new AccountBanned('BOT_TOKEN_INVALID'), true, 'unauthorized'],
      [new TelegramUnknownError({ error_code: 400 }, "Bad Request: can't parse entities"), true, 'refused'],
      [new TelegramUnknownError({ error_code: 502 }, 'Bad Gateway'), false, 'unavailable'],
      [new TelegramUnknownError(new Error('ECONNRESET')), false, 'unavailable'],
      [new Error('socket hang up'), false, 'unavailable'],
    ];
    for (const [err, permanent, reason] of cases) expect(classify(err)).toMatchObject({ permanent, reason });
  });
});
