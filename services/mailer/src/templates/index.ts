import { PermanentError } from '@switchyard/kit';
import { emailChange } from './email-change';
import { layout } from './layout';
import { passwordReset } from './password-reset';
import type { Locale, MailTemplate, RenderContext } from './types';
import { verificationCode } from './verification-code';
import { welcome } from './welcome';

/** Every template the mailer knows; a new mail is one new file plus one entry here. */
export const templates: readonly MailTemplate[] = [verificationCode, passwordReset, emailChange, welcome];

const byId = new Map(templates.map((t) => [t.id, t]));

export interface RenderedMail {
  subject: string;
  html: string;
  text: string;
  highlight: string | null;
}

/**
 * Renders a template in a locale. Unknown templates and bad variables are permanent errors:
 * retrying cannot fix them, so the request goes straight to the dead-letter queue.
 */
export function renderMail(
  templateId: string,
  locale: Locale,
  variables: Record<string, unknown>,
  ctx: RenderContext,
): RenderedMail {
  const template = byId.get(templateId);
  if (!template) throw new PermanentError(`unknown mail template ${templateId}`);
  const parsed = template.variables.safeParse(variables);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new PermanentError(`bad variables for ${templateId}: ${issues}`);
  }
  const text = template.locales[locale];
  const subject = text.subject(parsed.data, ctx);
  return {
    subject,
    html: layout(locale, subject, text.html(parsed.data, ctx), ctx).value,
    text: text.text(parsed.data, ctx),
    highlight: template.highlight?.(parsed.data) ?? null,
  };
}

export type { Locale, RenderContext };
