import { describe, expect, it } from 'vitest';
import { InvalidLink } from './errors';
import { parsePeerRef } from './peer-ref';

describe('parsePeerRef', () => {
  it.each([
    ['@Some_Chat', { kind: 'username', username: 'some_chat' }],
    ['some_chat', { kind: 'username', username: 'some_chat' }],
    ['https://t.me/some_chat', { kind: 'username', username: 'some_chat' }],
    ['t.me/some_chat/123', { kind: 'username', username: 'some_chat' }],
    ['tg://resolve?domain=some_chat', { kind: 'username', username: 'some_chat' }],
    ['https://t.me/+AbCdEf123', { kind: 'invite', hash: 'AbCdEf123' }],
    ['https://t.me/joinchat/AbCdEf123', { kind: 'invite', hash: 'AbCdEf123' }],
    ['-1001234567890', { kind: 'id', id: '-1001234567890' }],
    ['5000000001', { kind: 'id', id: '5000000001' }],
  ])('%s', (ref, parsed) => {
    expect(parsePeerRef(ref)).toEqual(parsed);
  });

  it.each(['', 'a b', '@abc', 'https://t.me/', 'https://t.me/1abc', 'javascript:alert(1)'])(
    'refuses %j',
    (ref) => {
      expect(() => parsePeerRef(ref)).toThrow(InvalidLink);
    },
  );
});
