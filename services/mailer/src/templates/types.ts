import type { z } from '@switchyard/kit';
import type { SafeHtml } from './html';

export type Locale = 'ru' | 'en';

/** Settings every template may use. */
export interface RenderContext {
  productName: string;
  publicUrl: string;
}

/** One locale's version of a mail. */
export interface LocalizedMail<V> {
  subject: (v: V, ctx: RenderContext) => string;
  /** Body content; the shared layout wraps it. */
  html: (v: V, ctx: RenderContext) => SafeHtml;
  text: (v: V, ctx: RenderContext) => string;
}

/**
 * A mail template: the variables it needs and its text in every locale. One file per
 * template; add it to the list in `index.ts`.
 */
export interface MailTemplate<S extends z.ZodType = z.ZodType> {
  id: string;
  variables: S;
  /** The variable a reader looks for first (a code), shown large in the inbox page. */
  highlight?: (v: z.output<S>) => string;
  locales: Record<Locale, LocalizedMail<z.output<S>>>;
}

/** Declares a template with its variable types carried through. */
export const defineTemplate = <S extends z.ZodType>(t: MailTemplate<S>): MailTemplate<S> => t;
