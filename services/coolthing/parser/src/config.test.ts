import { describe, expect, it } from 'vitest';
import { ConfigError } from '@switchyard/kit';
import { checkParserConfig, parserEnv } from './config';

const parse = (env: Record<string, string>) => parserEnv.parse({ ACCOUNT_ID: 'acc-1', ...env });

describe('parser configuration', () => {
  it('accepts the sandbox with its URL, with defaults', () => {
    const config = parse({ TELEGRAM_SANDBOX_URL: 'http://127.0.0.1:1' });
    expect(() => checkParserConfig(config)).not.toThrow();
    expect(config).toMatchObject({
      PARSER_DEDUP_WINDOW_SECONDS: 86_400,
      PARSER_LANES: 4,
      PARSER_TIME_SCALE: 1,
    });
  });

  it('refuses a gateway without what it needs, and a retention shorter than the dedup window', () => {
    const problems = (env: Record<string, string>) => {
      try {
        checkParserConfig(parse(env));
        return [];
      } catch (err) {
        expect(err).toBeInstanceOf(ConfigError);
        return (err as Error).message;
      }
    };
    expect(problems({})).toMatch(/TELEGRAM_SANDBOX_URL/);
    expect(problems({ TELEGRAM_GATEWAY: 'mtproto' })).toMatch(/TELEGRAM_API_ID/);
    expect(
      problems({
        TELEGRAM_SANDBOX_URL: 'http://x',
        PARSER_DEDUP_WINDOW_SECONDS: String(90 * 86_400),
        PARSER_CLAIM_RETENTION_DAYS: '30',
      }),
    ).toMatch(/PARSER_CLAIM_RETENTION_DAYS/);
    expect(() => parse({ ACCOUNT_ID: 'bad id!' })).toThrow();
  });
});
