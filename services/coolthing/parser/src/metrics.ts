import { Counter, Histogram, type Registry } from 'prom-client';

export class ParserMetrics {
  readonly seen: Counter;
  readonly skipped: Counter<'reason'>;
  readonly matched: Counter;
  readonly vetoed: Counter;
  readonly duplicates: Counter;
  readonly leads: Counter;
  readonly matchSeconds: Histogram;
  readonly chatsUnavailable: Counter<'reason'>;
  readonly chatsLeft: Counter;
  readonly floodWaits: Counter<'kind'>;

  constructor(registry: Registry) {
    this.seen = new Counter({
      name: 'coolthing_parser_messages_seen_total',
      help: 'Messages received in watched chats',
      registers: [registry],
    });
    this.skipped = new Counter({
      name: 'coolthing_parser_messages_skipped_total',
      help: 'Messages that can never be leads (own accounts, bots, no text), by reason',
      labelNames: ['reason'],
      registers: [registry],
    });
    this.matched = new Counter({
      name: 'coolthing_parser_messages_matched_total',
      help: 'Message and campaign pairs whose keywords matched (before dedup)',
      registers: [registry],
    });
    this.vetoed = new Counter({
      name: 'coolthing_parser_messages_vetoed_total',
      help: 'Message and campaign pairs a minus keyword vetoed',
      registers: [registry],
    });
    this.duplicates = new Counter({
      name: 'coolthing_parser_duplicate_leads_total',
      help: 'Matches dropped because the user already is a lead of the campaign within the window',
      registers: [registry],
    });
    this.leads = new Counter({
      name: 'coolthing_parser_leads_published_total',
      help: 'NewTargetMessage events written to the outbox',
      registers: [registry],
    });
    this.matchSeconds = new Histogram({
      name: 'coolthing_parser_match_duration_seconds',
      help: "Time to match one message against one campaign's keywords",
      buckets: [0.00001, 0.00005, 0.0001, 0.0005, 0.001, 0.005, 0.01, 0.05],
      registers: [registry],
    });
    this.chatsUnavailable = new Counter({
      name: 'coolthing_parser_chats_unavailable_total',
      help: 'Assigned chats the account could not join or read, by reason',
      labelNames: ['reason'],
      registers: [registry],
    });
    this.chatsLeft = new Counter({
      name: 'coolthing_parser_chats_left_total',
      help: 'Chats the account left because its assignment no longer has them',
      registers: [registry],
    });
    this.floodWaits = new Counter({
      name: 'coolthing_parser_flood_waits_total',
      help: 'FloodWaits Telegram answered, slept through (short) or pausing the account (long)',
      labelNames: ['kind'],
      registers: [registry],
    });
  }
}
