import { Counter, type Registry } from 'prom-client';

/** The notifier's own series. */
export class NotifierMetrics {
  readonly alerts: Counter<'type' | 'severity'>;
  readonly deliveries: Counter<'outcome'>;
  readonly deliveryFailures: Counter<'reason' | 'permanent'>;

  constructor(registry: Registry) {
    const registers = [registry];
    this.alerts = new Counter({
      name: 'coolthing_alerts_total',
      help: 'Alerts composed (a burst of events counts once) or posted by operators',
      labelNames: ['type', 'severity'],
      registers,
    });
    this.deliveries = new Counter({
      name: 'coolthing_alert_deliveries_total',
      help: 'Alert messages to admin chats by outcome: sent, retry (will be tried again), failed (given up)',
      labelNames: ['outcome'],
      registers,
    });
    this.deliveryFailures = new Counter({
      name: 'coolthing_alert_delivery_failures_total',
      help: 'Failed attempts to post an alert into an admin chat, by reason',
      labelNames: ['reason', 'permanent'],
      registers,
    });
  }
}
