import { z } from '@switchyard/kit';
import { html } from './html';
import { defineTemplate } from './types';

export const welcome = defineTemplate({
  id: 'welcome',
  variables: z.object({ firstName: z.coerce.string().max(60).default('') }),
  locales: {
    en: {
      subject: (_v, ctx) => `Welcome to ${ctx.productName}`,
      html: (v, ctx) =>
        html`<p>Hello${v.firstName ? `, ${v.firstName}` : ''}!</p>
          <p>Your email address is confirmed and your account is ready.</p>
          <p><a href="${ctx.publicUrl}" style="color:#2563eb">Open ${ctx.productName}</a></p>`,
      text: (v, ctx) =>
        `Hello${v.firstName ? `, ${v.firstName}` : ''}!\n\nYour email address is confirmed and your account is ready.\n\nOpen ${ctx.productName}: ${ctx.publicUrl}\n`,
    },
    ru: {
      subject: (_v, ctx) => `Добро пожаловать в ${ctx.productName}`,
      html: (v, ctx) =>
        html`<p>Здравствуйте${v.firstName ? `, ${v.firstName}` : ''}!</p>
          <p>Адрес электронной почты подтверждён, учётная запись готова.</p>
          <p><a href="${ctx.publicUrl}" style="color:#2563eb">Открыть ${ctx.productName}</a></p>`,
      text: (v, ctx) =>
        `Здравствуйте${v.firstName ? `, ${v.firstName}` : ''}!\n\nАдрес электронной почты подтверждён, учётная запись готова.\n\nОткрыть ${ctx.productName}: ${ctx.publicUrl}\n`,
    },
  },
});
