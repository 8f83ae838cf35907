import { z } from '@switchyard/kit';
import { html } from './html';
import { codeBlock } from './layout';
import { defineTemplate } from './types';

export const emailChange = defineTemplate({
  id: 'email-change',
  variables: z.object({
    code: z.coerce.string().regex(/^\d{6}$/),
    firstName: z.coerce.string().max(60).default(''),
    minutes: z.coerce.number().int().positive().max(1440).default(10),
  }),
  highlight: (v) => v.code,
  locales: {
    en: {
      subject: () => 'Confirm your new email address',
      html: (v) =>
        html`<p>Hello${v.firstName ? `, ${v.firstName}` : ''}!</p>
          <p>To make this address the one you sign in with, enter this code:</p>
          ${codeBlock(v.code)}
          <p>
            The code is valid for ${v.minutes} minutes. If you did not ask for this change, ignore this email.
          </p>`,
      text: (v) =>
        `Hello${v.firstName ? `, ${v.firstName}` : ''}!\n\nTo make this address the one you sign in with, enter this code:\n\n    ${v.code}\n\nThe code is valid for ${v.minutes} minutes. If you did not ask for this change, ignore this email.\n`,
    },
    ru: {
      subject: () => 'Подтвердите новый адрес электронной почты',
      html: (v) =>
        html`<p>Здравствуйте${v.firstName ? `, ${v.firstName}` : ''}!</p>
          <p>Чтобы входить с этим адресом, введите код:</p>
          ${codeBlock(v.code)}
          <p>Код действует ${v.minutes} мин. Если вы не меняли адрес, проигнорируйте письмо.</p>`,
      text: (v) =>
        `Здравствуйте${v.firstName ? `, ${v.firstName}` : ''}!\n\nЧтобы входить с этим адресом, введите код:\n\n    ${v.code}\n\nКод действует ${v.minutes} мин. Если вы не меняли адрес, проигнорируйте письмо.\n`,
    },
  },
});
