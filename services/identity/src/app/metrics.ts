import { Counter, type Registry } from 'prom-client';

/** Identity's domain series: sign-ins, refreshes, codes and lockouts. */
export class IdentityMetrics {
  readonly logins: Counter<'outcome'>;
  readonly refreshes: Counter<'outcome'>;
  readonly codes: Counter<'purpose' | 'outcome'>;
  readonly registrations: Counter;

  constructor(registry: Registry) {
    const registers = [registry];
    this.logins = new Counter({
      name: 'identity_logins_total',
      help: 'Sign-in attempts by outcome: ok, wrong, locked, banned, ip_limited',
      labelNames: ['outcome'],
      registers,
    });
    this.refreshes = new Counter({
      name: 'identity_refreshes_total',
      help: 'Refresh attempts by outcome: rotate, unknown, expired, revoked, reuse, banned',
      labelNames: ['outcome'],
      registers,
    });
    this.codes = new Counter({
      name: 'identity_codes_total',
      help: 'One-time codes by purpose and outcome: sent, ok, wrong, expired, exhausted, missing',
      labelNames: ['purpose', 'outcome'],
      registers,
    });
    this.registrations = new Counter({
      name: 'identity_registrations_total',
      help: 'Accounts created',
      registers,
    });
  }
}
