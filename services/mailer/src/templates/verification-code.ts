import { z } from '@switchyard/kit';
import { html } from './html';
import { codeBlock } from './layout';
import { defineTemplate } from './types';

export const verificationCode = defineTemplate({
  id: 'verification-code',
  variables: z.object({
    code: z.coerce.string().regex(/^\d{6}$/),
    firstName: z.coerce.string().max(60).default(''),
    minutes: z.coerce.number().int().positive().max(1440).default(10),
  }),
  highlight: (v) => v.code,
  locales: {
    en: {
      subject: (v) => `Your verification code: ${v.code}`,
      html: (v) =>
        html`<p>Hello${v.firstName ? `, ${v.firstName}` : ''}!</p>
          <p>Enter this code to confirm your email address:</p>
          ${codeBlock(v.code)}
          <p>The code is valid for ${v.minutes} minutes.</p>`,
      text: (v) =>
        `Hello${v.firstName ? `, ${v.firstName}` : ''}!\n\nEnter this code to confirm your email address:\n\n    ${v.code}\n\nThe code is valid for ${v.minutes} minutes.\n`,
    },
    ru: {
      subject: (v) => `Ваш код подтверждения: ${v.code}`,
      html: (v) =>
        html`<p>Здравствуйте${v.firstName ? `, ${v.firstName}` : ''}!</p>
          <p>Введите этот код, чтобы подтвердить адрес электронной почты:</p>
          ${codeBlock(v.code)}
          <p>Код действует ${v.minutes} мин.</p>`,
      text: (v) =>
        `Здравствуйте${v.firstName ? `, ${v.firstName}` : ''}!\n\nВведите этот код, чтобы подтвердить адрес электронной почты:\n\n    ${v.code}\n\nКод действует ${v.minutes} мин.\n`,
    },
  },
});
