import { z } from '@switchyard/kit';
import { html } from './html';
import { codeBlock } from './layout';
import { defineTemplate } from './types';

export const passwordReset = defineTemplate({
  id: 'password-reset',
  variables: z.object({
    code: z.coerce.string().regex(/^\d{6}$/),
    firstName: z.coerce.string().max(60).default(''),
    minutes: z.coerce.number().int().positive().max(1440).default(10),
  }),
  highlight: (v) => v.code,
  locales: {
    en: {
      subject: () => 'Password reset code',
      html: (v) =>
        html`<p>Hello${v.firstName ? `, ${v.firstName}` : ''}!</p>
          <p>Someone asked to reset the password of your account. Use this code to set a new one:</p>
          ${codeBlock(v.code)}
          <p>
            The code is valid for ${v.minutes} minutes. If you did not ask for it, ignore this email: your
            password stays the same.
          </p>`,
      text: (v) =>
        `Hello${v.firstName ? `, ${v.firstName}` : ''}!\n\nSomeone asked to reset the password of your account. Use this code to set a new one:\n\n    ${v.code}\n\nThe code is valid for ${v.minutes} minutes. If you did not ask for it, ignore this email: your password stays the same.\n`,
    },
    ru: {
      subject: () => 'Код для сброса пароля',
      html: (v) =>
        html`<p>Здравствуйте${v.firstName ? `, ${v.firstName}` : ''}!</p>
          <p>Поступил запрос на сброс пароля вашей учётной записи. Чтобы задать новый пароль, введите код:</p>
          ${codeBlock(v.code)}
          <p>
            Код действует ${v.minutes} мин. Если вы не запрашивали сброс, проигнорируйте письмо: пароль
            останется прежним.
          </p>`,
      text: (v) =>
        `Здравствуйте${v.firstName ? `, ${v.firstName}` : ''}!\n\nПоступил запрос на сброс пароля вашей учётной записи. Чтобы задать новый пароль, введите код:\n\n    ${v.code}\n\nКод действует ${v.minutes} мин. Если вы не запрашивали сброс, проигнорируйте письмо: пароль останется прежним.\n`,
    },
  },
});
