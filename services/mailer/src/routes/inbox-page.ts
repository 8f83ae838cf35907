import { defineRoute, problems, z } from '@switchyard/kit';
import type { MailRow } from '../repositories/mails';
import { html, SafeHtml } from '../templates/html';
import type { RouteDeps } from './deps';
import { assertCaptured, RecipientQuery } from './schemas';

// Inline styles are allowed; scripts are not, and the page needs none.
const CSP =
  "default-src 'none'; style-src 'unsafe-inline'; img-src data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

const STYLE = `
body{font-family:system-ui,Arial,sans-serif;margin:0;background:#f4f5f7;color:#1f2933}
main{max-width:760px;margin:0 auto;padding:24px}
h1{font-size:22px;margin:0 0 16px}
form{display:flex;gap:8px;margin-bottom:20px}
input{flex:1;padding:8px;font-size:15px;border:1px solid #cbd2d9;border-radius:6px}
button,a.button{padding:8px 14px;font-size:15px;border:0;border-radius:6px;background:#2563eb;color:#fff;text-decoration:none}
article{background:#fff;border-radius:8px;padding:16px;margin-bottom:12px;box-shadow:0 1px 2px rgba(0,0,0,.06)}
.meta{font-size:13px;color:#7b8794}
.subject{font-size:16px;font-weight:600;margin:6px 0}
.code{font-family:'Courier New',monospace;font-size:34px;letter-spacing:8px;font-weight:700;margin:8px 0;user-select:all}
pre{white-space:pre-wrap;font-size:13px;background:#f8f9fa;padding:10px;border-radius:6px}
.empty{color:#7b8794}`;

function message(m: MailRow): SafeHtml {
  return html`<article>
    <div class="meta">
      ${m.created_at.toISOString().replace('T', ' ').slice(0, 19)} UTC · to ${m.recipient} · ${m.template}
      (${m.locale})
    </div>
    <div class="subject">${m.subject}</div>
    ${m.highlight ? html`<div class="code" title="code">${m.highlight}</div>` : ''}
    <details>
      <summary>Message</summary>
      <pre>${m.text_body ?? ''}</pre>
      <p><a href="./${m.id}">JSON with the HTML body</a></p>
    </details>
  </article>`;
}

export function inboxPage(to: string | undefined, items: MailRow[]): string {
  return html`<!doctype html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width" />
        <title>Mail inbox${to ? ` · ${to}` : ''}</title>
        <style>
          ${new SafeHtml(STYLE)}
        </style>
      </head>
      <body>
        <main>
          <h1>Captured mail</h1>
          <form method="get" action="">
            <input
              type="email"
              name="to"
              placeholder="Recipient email"
              value="${to ?? ''}"
              maxlength="254"
            /><button type="submit">Show</button>
          </form>
          ${items.length ? items.map(message) : html`<p class="empty">No mail${to ? html` for <b>${to}</b>` : ''} yet. <a href="">Refresh</a></p>`}
        </main>
      </body>
    </html>`.value;
}

export const inboxView = (deps: RouteDeps) =>
  defineRoute(
    {
      method: 'get',
      path: '/inbox/view',
      tags: ['inbox'],
      summary: 'The captured inbox as a page, codes shown large (embedded mode only)',
      request: { query: z.object({ to: RecipientQuery }) },
      responses: {
        200: { content: { 'text/html': { schema: z.string() } }, description: 'The page' },
        ...problems(400, 404),
      },
    },
    async (c) => {
      assertCaptured(deps);
      const to = c.req.valid('query').to || undefined;
      const { items } = await deps.mails.inbox({ to, limit: 50, offset: 0 });
      return c.body(inboxPage(to, items), 200, {
        'content-type': 'text/html; charset=utf-8',
        'content-security-policy': CSP,
        'x-content-type-options': 'nosniff',
        'referrer-policy': 'no-referrer',
        'cache-control': 'no-store',
      });
    },
  );
