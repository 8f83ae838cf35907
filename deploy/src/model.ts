import { publicPathOf, schemaOf, urlVariableOf, type SystemName, hasDatabase } from '@switchyard/kit';
import type { RegistryEntry } from '../../services/registry';
import { DEPLOY_REQUIRED_ENV, JOB_LAUNCHERS, ON_DEMAND, SINGLETONS, SYSTEMS } from './settings';

export type Profile = 'core' | SystemName;

/** What deployment needs to know about one registry entry. */
export interface DeployService {
  /** Registry id: `gateway`, `shop/cart`. */
  id: string;
  name: string;
  system: SystemName | undefined;
  title: string;
  /** Compose service, Kubernetes object and DNS name: `gateway`, `shop-cart`. */
  slug: string;
  profile: Profile;
  /** Has its own schema: migrations to run before it starts. */
  database: boolean;
  schema: string;
  urlVariable: string;
  publicPath: string;
  /** Variables of the service's own schema deployment must supply (no default, or DEPLOY_REQUIRED_ENV). */
  requiredEnv: string[];
  /** Sends mail itself (its schema reads SMTP_URL). */
  smtp: boolean;
  /** Starts workers as Jobs/Pods in Kubernetes (needs RBAC). */
  launchesJobs: boolean;
  /** Keeps in-process state that must not be split across replicas. */
  singleton: boolean;
}

/** Variables the platform's deployment always supplies, so a service's schema may require them. */
const SUPPLIED = new Set([
  'GATEWAY_SERVICES',
  'DATABASE_URL',
  'RABBITMQ_URL',
  'REDIS_URL',
  'SMTP_URL',
  'SECRETS_KEY',
  'INTERNAL_API_TOKEN',
]);

export const slugOf = (id: string): string => id.replace(/\//g, '-');

/**
 * Loads every definition of the registry. Entries started on demand by a watchdog (one pod
 * per script run) are not long-running services and are left out.
 */
export async function loadServices(entries: readonly RegistryEntry[]): Promise<DeployService[]> {
  const services: DeployService[] = [];
  for (const entry of entries) {
    // Per-run and per-account workers (registry `onDemand`) are started by their watchdog.
    if (entry.onDemand || ON_DEMAND.has(entry.id)) continue;
    const def = await entry.load();
    if (def.system && !SYSTEMS.includes(def.system))
      throw new Error(`${entry.id}: unknown system ${def.system}`);
    const shape: Record<string, { safeParse(v: unknown): { success: boolean } }> = def.env?.shape ?? {};
    services.push({
      id: entry.id,
      name: def.name,
      system: def.system,
      title: def.title,
      slug: slugOf(entry.id),
      profile: def.system ?? 'core',
      database: hasDatabase(def),
      schema: schemaOf(def),
      urlVariable: urlVariableOf(def),
      publicPath: publicPathOf(def),
      requiredEnv: Object.keys(shape)
        .filter(
          (key) =>
            !SUPPLIED.has(key) &&
            (!shape[key]!.safeParse(undefined).success || DEPLOY_REQUIRED_ENV[entry.id]?.includes(key)),
        )
        .sort(),
      smtp: 'SMTP_URL' in shape,
      launchesJobs: JOB_LAUNCHERS.has(entry.id),
      singleton: SINGLETONS.has(entry.id),
    });
  }
  const slugs = new Set<string>();
  for (const s of services) {
    if (slugs.has(s.slug)) throw new Error(`two registry entries map to the name ${s.slug}`);
    if (s.slug.length > 50) throw new Error(`${s.id}: name too long for Kubernetes objects`);
    slugs.add(s.slug);
  }
  return services;
}

/** SERVICE_URL_* for every service and the gateway's directory, for services reachable at `urlOf`. */
export function directoryEnv(services: readonly DeployService[], urlOf: (s: DeployService) => string) {
  const env: Record<string, string> = {};
  for (const s of services) env[s.urlVariable] = urlOf(s);
  env.GATEWAY_SERVICES = JSON.stringify(
    services
      .filter((s) => s.id !== 'gateway')
      .map((s) => ({ name: s.name, system: s.system, title: s.title, path: s.publicPath, url: urlOf(s) })),
  );
  return env;
}
