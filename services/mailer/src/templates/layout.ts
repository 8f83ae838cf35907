import { html, type SafeHtml } from './html';
import type { Locale, RenderContext } from './types';

const footer: Record<Locale, string> = {
  en: 'You received this email because of an action on your account. If it was not you, ignore it.',
  ru: 'Вы получили это письмо из-за действия с вашей учётной записью. Если это были не вы, просто проигнорируйте его.',
};

/** The frame around every mail: inline styles only, since mail clients drop style sheets. */
export function layout(locale: Locale, subject: string, body: SafeHtml, ctx: RenderContext): SafeHtml {
  return html`<!doctype html>
    <html lang="${locale}">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width" />
        <title>${subject}</title>
      </head>
      <body
        style="margin:0;padding:24px;background:#f4f5f7;font-family:Arial,Helvetica,sans-serif;color:#1f2933"
      >
        <table role="presentation" width="100%" cellpadding="0" cellspacing="0">
          <tr>
            <td align="center">
              <table
                role="presentation"
                width="560"
                cellpadding="0"
                cellspacing="0"
                style="max-width:560px;background:#ffffff;border-radius:8px;padding:32px"
              >
                <tr>
                  <td style="font-size:20px;font-weight:bold;padding-bottom:16px">${ctx.productName}</td>
                </tr>
                <tr>
                  <td style="font-size:15px;line-height:1.5">${body}</td>
                </tr>
                <tr>
                  <td style="font-size:12px;color:#7b8794;padding-top:24px">${footer[locale]}</td>
                </tr>
              </table>
            </td>
          </tr>
        </table>
      </body>
    </html>`;
}

/** A one-time code, large and easy to copy. */
export const codeBlock = (code: string) =>
  html`<p
    style="font-size:32px;letter-spacing:8px;font-weight:bold;font-family:'Courier New',monospace;margin:24px 0"
  >
    ${code}
  </p>`;
