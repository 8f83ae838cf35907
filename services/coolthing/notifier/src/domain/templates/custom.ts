import { pluralRu } from '../format';
import { clip, clipLines, tg, lines } from '../html';
import { severityIcon } from '../labels';
import type { Severity } from '../types';
import { defineTemplate } from './template';

/** What an operator posts through `POST /notifications`. */
export interface CustomNotification {
  text: string;
  severity: Severity;
  /** Who sent it (the user id from the token), for the log. */
  by: string;
}

/** An operator's own message, sent as they wrote it (escaped, never interpreted as markup). */
export const custom = defineTemplate<CustomNotification>({
  type: 'custom',
  groupKey: (p) => p.by,
  severity: (p) => p.severity,
  refs: () => ({}),
  single({ payload: p }, { locale }) {
    return lines(
      tg`${severityIcon(p.severity)} <b>${locale === 'ru' ? 'Сообщение оператора' : 'Operator message'}</b>`,
      tg`${clipLines(p.text, 3500)}`,
    );
  },
  heading(_events, total, { locale }) {
    return locale === 'ru'
      ? tg`📣 <b>${total} ${pluralRu(total, 'сообщение', 'сообщения', 'сообщений')} оператора</b>:`
      : tg`📣 <b>${total} operator messages</b>:`;
  },
  line({ payload: p }) {
    return tg`${severityIcon(p.severity)} ${clip(p.text, 300)}`;
  },
});
