import {
  ChatSkipped,
  ScriptCrashed,
  ScriptFinished,
  ScriptStalled,
  ScriptStarted,
  AccountBanned,
} from '@switchyard/contracts';
import { defineService, on, type SubscriptionSpec } from '@switchyard/kit';
import type { RegistryEntry } from '../../registry';

export interface SeenEvent {
  type: string;
  payload: Record<string, unknown>;
  at: number;
}

/**
 * A test consumer on the real bus: records the events of script runs that operators and the
 * notifier care about. In embedded mode it is one more registry entry; in distributed mode
 * it runs in the test process against RabbitMQ.
 */
export function probe() {
  const seen: SeenEvent[] = [];
  const record = async (type: string, payload: unknown) => {
    seen.push({ type, payload: payload as Record<string, unknown>, at: Date.now() });
  };
  const subscription: SubscriptionSpec = {
    name: 'probe',
    handlers: [
      on(ScriptStarted, (p) => record('ScriptStarted', p)),
      on(ScriptFinished, (p) => record('ScriptFinished', p)),
      on(ChatSkipped, (p) => record('ChatSkipped', p)),
      on(ScriptCrashed, (p) => record('ScriptCrashed', p)),
      on(ScriptStalled, (p) => record('ScriptStalled', p)),
      on(AccountBanned, (p) => record('AccountBanned', p)),
    ],
  };
  const service = defineService({
    name: 'scripts-probe',
    title: 'Test probe for script events',
    setup: () => ({ subscriptions: [subscription] }),
  });
  const entry: RegistryEntry = { id: 'test/scripts-probe', port: 0, load: async () => service };
  const of = (sfcId: string, type?: string) =>
    seen.filter((e) => e.payload.sfc_id === sfcId && (!type || e.type === type));
  return { seen, service, entry, of };
}

export type Probe = ReturnType<typeof probe>;
