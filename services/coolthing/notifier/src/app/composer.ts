import { AlertDeliveryRequested } from '@switchyard/contracts';
import { newId } from '@switchyard/bus';
import type { BackgroundTask } from '@switchyard/kit';
import type { BurstRow } from '../db';
import { catalogue } from '../domain/templates';
import { tg, lines, type Html } from '../domain/html';
import type { AlertEvent, Locale, NameBook } from '../domain/types';
import { emptyNames } from '../domain/types';
import { forgetAlertsBefore, insertAlert } from '../repositories/alerts';
import {
  burstEvents,
  closeDueBursts,
  closedBursts,
  forgetComposedEvents,
  markComposed,
} from '../repositories/bursts';
import type { Infra } from './deps';

/**
 * Turns due bursts into alerts: closes them (new events open the next burst), looks up the
 * names their events need, renders the RU and EN texts, and stores the alert together with
 * its delivery request (outbox), so a crash between the two loses nothing.
 */
export class AlertComposer {
  constructor(private readonly infra: Infra) {}

  /** One pass; returns how many alerts were created. */
  async tick(): Promise<number> {
    const { db, settings, clock } = this.infra;
    await closeDueBursts(db, clock(), settings.burst);
    let created = 0;
    for (const burst of await closedBursts(db, 20)) if (await this.compose(burst)) created++;
    return created;
  }

  private async compose(burst: BurstRow): Promise<boolean> {
    const { db, settings, names, transaction, metrics, log } = this.infra;
    const events = await burstEvents(db, burst.id, settings.burst.maxEvents);
    const prepared = catalogue[burst.type].burst(events);
    const id = newId();
    let texts: Record<Locale, Html>;
    try {
      const book: NameBook = prepared.events > 0 ? await names.lookup(prepared.refs) : emptyNames;
      const render = (locale: Locale) =>
        prepared.events > 0
          ? prepared.render(burst.events_count, { locale, timeZone: settings.timeZone, names: book })
          : unreadable(burst.type, burst.events_count, locale, 'no event matches its current schema');
      texts = { ru: render('ru'), en: render('en') };
    } catch (err) {
      // Never silent: a message that says what could not be described beats no message.
      log.error({ err, burstId: burst.id, type: burst.type }, 'alert could not be rendered');
      const reason = err instanceof Error ? err.message : String(err);
      texts = {
        ru: unreadable(burst.type, burst.events_count, 'ru', reason),
        en: unreadable(burst.type, burst.events_count, 'en', reason),
      };
    }
    const severity = prepared.events > 0 ? prepared.severity : 'warning';
    const created = await transaction(async (trx, publish) => {
      if (!(await markComposed(trx, burst.id, id))) return false;
      await insertAlert(trx, {
        id,
        type: burst.type,
        severity,
        textRu: texts.ru.value,
        textEn: texts.en.value,
        sourceEventIds: events.map((e: AlertEvent<unknown>) => e.eventId),
        eventsCount: burst.events_count,
        groupKey: burst.group_key,
        target: null,
        createdBy: null,
        createdAt: this.infra.clock(),
      });
      await publish(AlertDeliveryRequested, { alert_id: id });
      return true;
    });
    if (created) metrics.alerts.inc({ type: burst.type, severity });
    return created;
  }

  /**
   * Composes every `intervalMs`. Once an hour drops the events of bursts composed a day ago and
   * alerts older than the retention.
   */
  task(intervalMs: number): BackgroundTask {
    return {
      name: 'alert-composer',
      run: async (signal) => {
        let lastCleanup = 0;
        while (!signal.aborted) {
          try {
            await this.tick();
            const now = this.infra.clock();
            if (now.getTime() - lastCleanup > 3_600_000) {
              await forgetComposedEvents(this.infra.db, new Date(now.getTime() - DAY_MS));
              const days = this.infra.settings.retentionDays;
              await forgetAlertsBefore(this.infra.db, new Date(now.getTime() - days * DAY_MS));
              lastCleanup = now.getTime();
            }
          } catch (err) {
            if (!signal.aborted) this.infra.log.warn({ err }, 'composing alerts failed; retrying');
          }
          await sleep(intervalMs, signal);
        }
      },
    };
  }
}

function unreadable(type: string, count: number, locale: Locale, reason: string): Html {
  return locale === 'ru'
    ? lines(tg`⚠️ <b>Событий типа ${type}: ${count}</b>`, tg`Текст не удалось составить: ${reason}`)
    : lines(tg`⚠️ <b>${count} events of type ${type}</b>`, tg`They could not be described: ${reason}`);
}

const DAY_MS = 86_400_000;

const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
  });
