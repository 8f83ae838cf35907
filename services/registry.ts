import type { AnyServiceDefinition } from '@switchyard/kit';

/**
 * Every service of the system, in one place. Adding a service is one line here: an id, the
 * port it takes in embedded mode, and how to load its definition.
 */
export interface RegistryEntry {
  /** `gateway`, `identity`, `cinema/films`: used on the command line and in logs. */
  id: string;
  /** Port in embedded and local distributed mode (the gateway takes PORT, 8080 by default). */
  port: number;
  load(): Promise<AnyServiceDefinition>;
  /**
   * Started on demand by another service (a scripts-worker per run, by the scripts watchdog),
   * never by the runners; the port is unused.
   */
  onDemand?: true;
}

export const registry: RegistryEntry[] = [
  { id: 'gateway', port: 8080, load: async () => (await import('./gateway/src/main')).service },
  { id: 'identity', port: 8101, load: async () => (await import('./identity/src/main')).service },
  { id: 'mailer', port: 8102, load: async () => (await import('./mailer/src/main')).service },
  { id: 'cinema/films', port: 8111, load: async () => (await import('./cinema/films/src/main')).service },
  {
    id: 'coolthing/admin',
    port: 8121,
    load: async () => (await import('./coolthing/admin/src/main')).service,
  },
  {
    id: 'coolthing/scripts',
    port: 8122,
    load: async () => (await import('./coolthing/scripts/src/main')).service,
  },
  {
    id: 'coolthing/scripts-watchdog',
    port: 8123,
    load: async () => (await import('./coolthing/scripts-watchdog/src/main')).service,
  },
  {
    id: 'coolthing/scripts-worker',
    port: 8124,
    onDemand: true,
    load: async () => (await import('./coolthing/scripts-worker/src/main')).service,
  },
  {
    id: 'coolthing/scripts-watcher',
    port: 8125,
    load: async () => (await import('./coolthing/scripts-watcher/src/main')).service,
  },
  {
    id: 'coolthing/manager',
    port: 8126,
    load: async () => (await import('./coolthing/manager/src/main')).service,
  },
  {
    id: 'coolthing/bot',
    port: 8127,
    onDemand: true,
    load: async () => (await import('./coolthing/bot/src/main')).service,
  },
  {
    id: 'coolthing/parser',
    port: 8129,
    onDemand: true,
    load: async () => (await import('./coolthing/parser/src/main')).service,
  },
  {
    id: 'coolthing/notifier',
    port: 8128,
    load: async () => (await import('./coolthing/notifier/src/main')).service,
  },
  {
    id: 'coolthing/watchdog',
    port: 8130,
    load: async () => (await import('./coolthing/watchdog/src/main')).service,
  },
  {
    id: 'coolthing/telegram-sandbox',
    port: 8131,
    load: async () => (await import('./coolthing/telegram-sandbox/src/main')).service,
  },
];

export function findEntry(id: string): RegistryEntry {
  const entry = registry.find((e) => e.id === id);
  if (!entry) throw new Error(`unknown service ${id}; known: ${registry.map((e) => e.id).join(', ')}`);
  return entry;
}
