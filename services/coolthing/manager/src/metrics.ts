import { Counter, type Registry } from 'prom-client';

/** The Parser Mode KPIs (deploy/grafana/README.md, "CoolThing"). */
export class ManagerMetrics {
  readonly leadsFound: Counter<'campaign'>;
  readonly leadsContacted: Counter<'campaign'>;
  readonly leadReplies: Counter<'campaign'>;

  constructor(registry: Registry) {
    this.leadsFound = new Counter({
      name: 'coolthing_leads_found_total',
      help: 'Leads the parser matched (after dedup)',
      labelNames: ['campaign'],
      registers: [registry],
    });
    this.leadsContacted = new Counter({
      name: 'coolthing_leads_contacted_total',
      help: 'First private messages delivered to leads',
      labelNames: ['campaign'],
      registers: [registry],
    });
    this.leadReplies = new Counter({
      name: 'coolthing_lead_replies_total',
      help: 'Leads who replied (reply rate = replies / contacted)',
      labelNames: ['campaign'],
      registers: [registry],
    });
  }
}
