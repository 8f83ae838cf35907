import { randomBytes } from 'node:crypto';
import { publicPathOf, schemaOf, urlVariableOf, type AnyServiceDefinition } from '@switchyard/kit';
import type { RegistryEntry } from '../../../services/registry';
import { freePort } from './ports';

export interface PlannedService {
  entry: RegistryEntry;
  def: AnyServiceDefinition;
  port: number;
  url: string;
}

export interface Plan {
  services: PlannedService[];
  /** Environment shared by all: every service's URL, and the gateway's directory. */
  env: Record<string, string>;
}

/**
 * Loads the definitions, assigns ports (fixed from the registry, or free ones) and derives
 * the variables that tell services where the others are. Entries marked `onDemand` are left
 * out: both runners start only what the plan lists.
 */
export async function plan(
  entries: RegistryEntry[],
  options: { ports: 'fixed' | 'auto'; gatewayPort?: number; host?: string },
): Promise<Plan> {
  const host = options.host ?? '127.0.0.1';
  const services: PlannedService[] = [];
  // Workers started on demand (one per script run) are the watchdogs' to start, never the runners'.
  for (const entry of entries.filter((e) => !e.onDemand)) {
    const def = await entry.load();
    const port =
      entry.id === 'gateway' && options.gatewayPort !== undefined
        ? options.gatewayPort
        : options.ports === 'auto'
          ? await freePort()
          : entry.port;
    services.push({ entry, def, port, url: `http://${host}:${port}` });
  }
  // Fellow services prove themselves with this token on /internal endpoints.
  const env: Record<string, string> = {
    INTERNAL_API_TOKEN: process.env.INTERNAL_API_TOKEN ?? randomBytes(24).toString('hex'),
  };
  for (const s of services) env[urlVariableOf(s.def)] = s.url;
  env.GATEWAY_SERVICES = JSON.stringify(
    services
      .filter((s) => s.entry.id !== 'gateway')
      .map((s) => ({
        name: s.def.name,
        system: s.def.system,
        title: s.def.title,
        path: publicPathOf(s.def),
        url: s.url,
      })),
  );
  const gateway = services.find((s) => s.entry.id === 'gateway');
  if (gateway && !process.env.PUBLIC_URL) env.PUBLIC_URL = `http://localhost:${gateway.port}`;
  return { services, env };
}

export { schemaOf };
