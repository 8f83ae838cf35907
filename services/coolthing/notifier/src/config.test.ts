import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '@switchyard/kit';
import {
  botApiRoot,
  envBots,
  notifierEnv,
  sandboxBotEnabled,
  sandboxBotToken,
  SANDBOX_DEFAULT_BOT_TOKEN,
} from './config';

const load = (env: Record<string, string>) => loadConfig('notifier', notifierEnv, env);

describe('notifier configuration', () => {
  it('has defaults for everything', () => {
    const c = load({});
    expect(c).toMatchObject({
      NOTIFIER_LOCALE: 'ru',
      NOTIFIER_TIMEZONE: 'Europe/Moscow',
      NOTIFIER_PARSE_MODE: 'html',
    });
    expect(sandboxBotEnabled(c)).toBe(false);
  });

  it('reads bots and chat languages as JSON, and says what is wrong', () => {
    const c = load({
      NOTIFIER_BOTS: '[{"token":"123:abcdefghij","adminChatIds":["-100123", -100456],"locale":"en"}]',
      NOTIFIER_CHAT_LOCALES: '{"-100123":"en"}',
      NOTIFIER_MUTED_TYPES: 'lead.new, script.started',
    });
    expect(envBots(c)[0]).toMatchObject({
      adminChatIds: ['-100123', '-100456'],
      enabled: true,
      locale: 'en',
    });
    expect(c.NOTIFIER_MUTED_TYPES).toEqual(['lead.new', 'script.started']);
    expect(() => envBots(load({ NOTIFIER_BOTS: '[{"token":"nope","adminChatIds":["1"]}]' }))).toThrow(
      /NOTIFIER_BOTS: 0.token: a bot token/,
    );
    expect(() => envBots(load({ NOTIFIER_BOTS: 'not json' }))).toThrow(/expected JSON like/);
    // The value holds tokens: a mistake is reported without it.
    const leaky = '[{"token":"123:secret-value-here","adminChatIds":[]}]';
    expect(() => envBots(load({ NOTIFIER_BOTS: leaky }))).toThrow(ConfigError);
    expect(() => envBots(load({ NOTIFIER_BOTS: leaky }))).toThrow(/adminChatIds.*\(got \(hidden\)\)/);
    expect(() => envBots(load({ NOTIFIER_BOTS: leaky }))).not.toThrow(/secret-value/);
    expect(() => load({ NOTIFIER_MUTED_TYPES: 'lead.new,nonsense' })).toThrow(/unknown alert types nonsense/);
    expect(() => load({ NOTIFIER_TIMEZONE: 'Mars/Olympus' })).toThrow(/IANA time zone/);
  });

  it('talks to the sandbox’s Bot API in sandbox mode, to Telegram otherwise', () => {
    const sandbox = load({ SERVICE_URL_COOLTHING_TELEGRAM_SANDBOX: 'http://127.0.0.1:8131/' });
    expect(botApiRoot(sandbox)).toBe('http://127.0.0.1:8131');
    expect(sandboxBotEnabled(sandbox)).toBe(true);
    expect(sandboxBotToken(sandbox)).toBe(SANDBOX_DEFAULT_BOT_TOKEN);
    expect(sandboxBotToken(load({ SANDBOX_DEMO_BOT_TOKEN: '9:abcdefghijk' }))).toBe('9:abcdefghijk');
    expect(botApiRoot(load({ TELEGRAM_MODE: 'mtproto' }))).toBeUndefined();
    expect(botApiRoot(load({ TELEGRAM_MODE: 'mtproto', NOTIFIER_BOT_API_ROOT: 'http://bot-api:8081' }))).toBe(
      'http://bot-api:8081',
    );
    expect(() => botApiRoot(load({}))).toThrow(/TELEGRAM_MODE=sandbox needs the sandbox/);
  });
});
