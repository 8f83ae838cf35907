import { describe, expect, it } from 'vitest';
import { DEFAULT_OPT_OUT_PHRASES, optOutMatcher, parsePhrases } from './opt-out';

const matcher = optOutMatcher(DEFAULT_OPT_OUT_PHRASES);

describe('opt-out phrases', () => {
  it('finds RU and EN phrases whatever the case and punctuation', () => {
    expect(matcher.match('STOP')).toBe('stop');
    expect(matcher.match('Stop!!!')).toBe('stop');
    expect(matcher.match('please, unsubscribe me.')).toBe('unsubscribe');
    expect(matcher.match("Please don't message me again")).toBe("don't message me");
    expect(matcher.match('Отписаться')).toBe('отписаться');
    expect(matcher.match('НЕ ПИШИТЕ мне больше!')).toBe('не пишите');
    expect(matcher.match('стоп 🛑')).toBe('стоп');
    expect(matcher.match('это   спам...')).toBe('это спам');
  });

  it('matches whole words only', () => {
    expect(matcher.match('I need a stopwatch')).toBeNull();
    expect(matcher.match('пишите, интересно')).toBeNull();
    expect(matcher.match('yes, tell me more')).toBeNull();
    expect(matcher.match('сколько стоит?')).toBeNull();
    expect(matcher.match('а места всем хватит?')).toBeNull();
  });

  it('catches every opt-out answer of the sandbox personas', () => {
    const sandboxOptOuts = [
      'stop',
      'unsubscribe',
      "please don't message me again",
      'this is spam',
      'delete my contact',
      'not interested, stop writing to me',
      'leave me alone',
      'stop sending these',
      'please do not contact me',
      'I never agreed to receive messages',
      "I'll block you if you write again",
      'stop spamming',
      'remove me from your list',
      'STOP',
      "don't text me",
      'стоп',
      'отпишитесь',
      'не пишите мне больше',
      'это спам',
      'удалите мой контакт',
      'мне это не интересно, больше не пишите',
      'отстаньте',
      'прекратите рассылку',
      'пожалуйста, не беспокойте меня',
      'я не давал согласия на сообщения',
      'заблокирую, если ещё напишете',
      'хватит спамить',
      'уберите меня из рассылки',
      'не надо мне писать',
    ];
    for (const text of sandboxOptOuts) expect(matcher.match(text), text).not.toBeNull();
  });

  it('takes a configured list', () => {
    const custom = optOutMatcher(parsePhrases('halt; no more\nбаста'));
    expect(custom.match('No more, thanks')).toBe('no more');
    expect(custom.match('stop')).toBeNull();
    expect(() => optOutMatcher(['!!!'])).toThrow(/no words/);
  });
});
