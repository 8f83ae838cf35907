import { describe, expect, it } from 'vitest';
import { clip, escapeHtml, tg, join, lines, toPlain } from './html';

describe('html', () => {
  it('escapes every interpolated value, keeps the literal markup', () => {
    const user = '<b>x</b> & "y"';
    const out = tg`<b>Lead</b>: ${user} ${42} ${null}`;
    expect(out.value).toBe('<b>Lead</b>: &lt;b&gt;x&lt;/b&gt; &amp; &quot;y&quot; 42 ');
    expect(toPlain(out)).toBe('Lead: <b>x</b> & "y" 42 ');
  });

  it('does not escape markup twice', () => {
    const inner = tg`<i>${'a<b'}</i>`;
    expect(tg`${inner} and ${[inner, 'c&d']}`.value).toBe('<i>a&lt;b</i> and <i>a&lt;b</i>c&amp;d');
    expect(join([inner, inner], ', ').value).toBe('<i>a&lt;b</i>, <i>a&lt;b</i>');
    expect(lines(inner, null, false, tg`x`).value).toBe('<i>a&lt;b</i>\nx');
  });

  it('resolves entities once only', () => {
    expect(toPlain(escapeHtml('&lt;'))).toBe('&lt;');
  });

  it('clips text before escaping, so no entity is ever cut', () => {
    expect(clip('  a   b\n c ', 10)).toBe('a b c');
    expect(clip('abcdefghijkl', 5)).toBe('abcd…');
    expect(escapeHtml(clip('<<<<<<<<', 4))).toBe('&lt;&lt;&lt;…');
  });
});
