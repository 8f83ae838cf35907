import { Counter, type Registry } from 'prom-client';

export class BotMetrics {
  readonly sent: Counter<'kind'>;
  readonly failures: Counter<'reason'>;
  readonly optOuts: Counter;
  readonly floodWaits: Counter;
  readonly replies: Counter;

  constructor(registry: Registry) {
    this.sent = new Counter({
      name: 'coolthing_bot_messages_sent_total',
      help: 'Private messages sent, by kind (offer, reply, operator)',
      labelNames: ['kind'],
      registers: [registry],
    });
    this.failures = new Counter({
      name: 'coolthing_bot_send_failures_total',
      help: 'Private messages not sent, by reason',
      labelNames: ['reason'],
      registers: [registry],
    });
    this.optOuts = new Counter({
      name: 'coolthing_bot_opt_outs_detected_total',
      help: 'Replies with an opt-out phrase',
      registers: [registry],
    });
    this.floodWaits = new Counter({
      name: 'coolthing_bot_flood_waits_total',
      help: 'FloodWait errors Telegram answered',
      registers: [registry],
    });
    this.replies = new Counter({
      name: 'coolthing_bot_replies_received_total',
      help: 'Private messages received',
      registers: [registry],
    });
  }
}
