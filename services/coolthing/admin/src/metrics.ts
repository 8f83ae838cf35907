import { Counter, type Registry } from 'prom-client';

/** The admin's domain metrics, next to the platform's HTTP and bus series. */
export class AdminMetrics {
  readonly activations: Counter<'outcome'>;
  readonly refusals: Counter<'code'>;
  readonly controls: Counter<'action'>;
  readonly onboarding: Counter<'step' | 'outcome'>;
  readonly statusChanges: Counter<'status'>;

  constructor(registry: Registry) {
    const registers = [registry];
    this.activations = new Counter({
      name: 'coolthing_admin_run_activations_total',
      help: 'Script run activations, accepted or refused',
      labelNames: ['outcome'],
      registers,
    });
    this.refusals = new Counter({
      name: 'coolthing_admin_run_refusal_reasons_total',
      help: 'Reasons activations were refused (one per problem)',
      labelNames: ['code'],
      registers,
    });
    this.controls = new Counter({
      name: 'coolthing_admin_run_controls_total',
      help: 'Stop, pause and resume requests published',
      labelNames: ['action'],
      registers,
    });
    this.onboarding = new Counter({
      name: 'coolthing_admin_onboarding_steps_total',
      help: 'Account sign-in steps (start, code, password, import) by outcome',
      labelNames: ['step', 'outcome'],
      registers,
    });
    this.statusChanges = new Counter({
      name: 'coolthing_admin_account_status_changes_total',
      help: 'Account status changes reported by workers and events',
      labelNames: ['status'],
      registers,
    });
  }
}
