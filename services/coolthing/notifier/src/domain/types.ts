/** Languages messages are written in. */
export const LOCALES = ['ru', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

/** From least to most urgent; a burst takes the highest severity of its events. */
export const SEVERITIES = ['info', 'warning', 'error', 'critical'] as const;
export type Severity = (typeof SEVERITIES)[number];

export const maxSeverity = (all: readonly Severity[]): Severity =>
  all.reduce<Severity>((a, b) => (SEVERITIES.indexOf(b) > SEVERITIES.indexOf(a) ? b : a), 'info');

/** What an alert is about: one per template, plus operators' own messages. */
export const ALERT_TYPES = [
  'service.crash',
  'service.error',
  'account.banned',
  'account.flood_wait',
  'script.started',
  'script.finished',
  'script.crashed',
  'script.stalled',
  'script.rejected',
  'script.line_skipped',
  'script.line_unconfirmed',
  'chat.skipped',
  'lead.new',
  'lead.opted_out',
  'delivery.failed',
  'custom',
] as const;
export type AlertType = (typeof ALERT_TYPES)[number];

/** How far an alert got to its chats. */
export const ALERT_STATUSES = ['pending', 'delivered', 'partial', 'failed', 'undelivered'] as const;
export type AlertStatus = (typeof ALERT_STATUSES)[number];

/** One event as a template sees it: its payload and where and when it happened. */
export interface AlertEvent<P> {
  eventId: string;
  occurredAt: Date;
  /** The service that published it. */
  source: string;
  payload: P;
}

/** Ids whose names a message needs. */
export interface NameRefs {
  runs?: string[];
  campaigns?: string[];
  accounts?: string[];
  chats?: string[];
}

export interface RunNames {
  script: string;
  campaign: string | null;
}

/** Names found for ids; null when nothing is known (the message then says what kind of thing it is). */
export interface NameBook {
  run(sfcId: string): RunNames | null;
  campaign(id: string): string | null;
  account(id: string): string | null;
  chat(id: string): string | null;
}

export const emptyNames: NameBook = {
  run: () => null,
  campaign: () => null,
  account: () => null,
  chat: () => null,
};

/** Merges the ids several events need. */
export function mergeRefs(all: readonly NameRefs[]): Required<NameRefs> {
  const pick = (key: keyof NameRefs) => [...new Set(all.flatMap((r) => r[key] ?? []))];
  return {
    runs: pick('runs'),
    campaigns: pick('campaigns'),
    accounts: pick('accounts'),
    chats: pick('chats'),
  };
}
