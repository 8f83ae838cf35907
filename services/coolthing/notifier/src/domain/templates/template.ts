import type { Html } from '../html';
import type { AlertEvent, AlertType, Locale, NameBook, NameRefs, Severity } from '../types';

/** What every template gets besides the events: the reader's language, the zone, the names. */
export interface RenderContext {
  locale: Locale;
  timeZone: string;
  names: NameBook;
}

/**
 * One alert type: how its events are keyed into bursts, how urgent they are, which names
 * they need, and their text for one event and for a burst. Pure: no I/O, no clock.
 */
export interface AlertTemplate<P> {
  type: AlertType;
  /** Events with the same key within the burst window become one message. */
  groupKey(payload: P): string;
  severity(payload: P): Severity;
  refs(payload: P): NameRefs;
  /** The message for a single event. */
  single(event: AlertEvent<P>, r: RenderContext): Html;
  /** First line of a burst (`12 chats skipped in …`); `total` counts events not shown too. */
  heading(events: readonly AlertEvent<P>[], total: number, r: RenderContext): Html;
  /** One line per event of a burst. */
  line(event: AlertEvent<P>, r: RenderContext): Html;
}

/** Declares a template (only for the payload type inference). */
export const defineTemplate = <P>(t: AlertTemplate<P>): AlertTemplate<P> => t;

/** The same run for every event of a burst keyed by run, else null. */
export function sameKey<P>(events: readonly AlertEvent<P>[], key: (p: P) => string): string | null {
  const first = events[0] ? key(events[0].payload) : null;
  return first !== null && events.every((e) => key(e.payload) === first) ? first : null;
}
