import { describe, expect, it } from 'vitest';
import { PermanentError } from '@switchyard/kit';
import { escapeHtml, html } from './html';
import { renderMail, templates } from './index';

const ctx = { productName: 'Switchyard', publicUrl: 'http://localhost:8080' };
const sample = { code: '042137', firstName: 'Анна', minutes: 10 };

describe('mail templates', () => {
  it('exist for every mail identity sends, in Russian and English', () => {
    expect(templates.map((t) => t.id).sort()).toEqual([
      'email-change',
      'password-reset',
      'verification-code',
      'welcome',
    ]);
    for (const t of templates) expect(Object.keys(t.locales).sort()).toEqual(['en', 'ru']);
  });

  it.each(templates.map((t) => t.id))('%s renders subject, HTML and text in both locales', (id) => {
    const en = renderMail(id, 'en', sample, ctx);
    const ru = renderMail(id, 'ru', sample, ctx);
    for (const mail of [en, ru]) {
      expect(mail.subject.length).toBeGreaterThan(3);
      expect(mail.html).toMatch(/^<!doctype html>/);
      expect(mail.html).toContain('Анна');
      expect(mail.text).toContain('Анна');
      if (id !== 'welcome') {
        expect(mail.html).toContain('042137');
        expect(mail.text).toContain('042137');
        expect(mail.highlight).toBe('042137');
      }
    }
    expect(en.html).toContain('lang="en"');
    expect(ru.html).toContain('lang="ru"');
    expect(ru.text).toMatch(/[а-яё]/i);
    expect(en.text.replaceAll('Анна', '')).not.toMatch(/[а-яё]/i);
    expect(ru.subject).not.toBe(en.subject);
  });

  it('escapes variables in HTML but not in the text part', () => {
    const mail = renderMail(
      'verification-code',
      'en',
      { ...sample, firstName: '<img src=x onerror=alert(1)>&"' },
      ctx,
    );
    expect(mail.html).not.toContain('<img src=x');
    expect(mail.html).toContain('&lt;img src=x onerror=alert(1)&gt;&amp;&quot;');
    expect(mail.text).toContain('<img src=x onerror=alert(1)>&"');
  });

  it('refuses unknown templates and bad variables as permanent errors', () => {
    expect(() => renderMail('no-such-template', 'en', {}, ctx)).toThrow(PermanentError);
    expect(() => renderMail('verification-code', 'en', { code: 'abc' }, ctx)).toThrow(PermanentError);
    expect(() => renderMail('verification-code', 'en', { firstName: 'x' }, ctx)).toThrow(/code/);
  });

  it('html`` escapes every interpolation and nests safely', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
    const inner = html`<b>${'<i>'}</b>`;
    expect(html`<p>${inner}${['<', html`<em>x</em>`]}${null}${7}</p>`.value).toBe(
      '<p><b>&lt;i&gt;</b>&lt;<em>x</em>7</p>',
    );
  });
});
